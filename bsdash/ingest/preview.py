"""How a file would be read, before anything is written: for the Import page and `import --dry-run`.

The preview is the first three stages of the import's own trip (bsdash.ingest.pipeline.preview_file), told for
people: for each of our columns, where it came from and why (by name, by values, or both, with the evidence),
the columns the file lacks and what will show less, how the values of each column with a vocabulary will be
read, and a warning when a column's first values do not read as its type (typed with the import's own SQL).
"""

from dataclasses import dataclass, field

import duckdb

from bsdash.ingest.readings import column_readings, years_for
from bsdash.ingest.report import HOW, Source, source_line
from bsdash.ingest.sql import create_macros, expected, quote_ident, typed_expression
from bsdash.ingest.targets import stored_storage
from bsdash.ingest.trip import Matching, Trip

EXAMPLES = 20


@dataclass(frozen=True)
class ColumnPreview:
    """One of our columns and what the file gives it."""

    ours: str  # our column's header
    name: str  # our column's name
    required: bool
    theirs: str | None  # the file's header, or None when not found
    how: str
    evidence: str
    examples: list[str]
    readable: int = 0  # of the examples, how many read as the column's type
    expected: str = ""
    without: str = ""  # what shows less when the file lacks it

    @property
    def found_by(self) -> str:
        """In words: its name, its values, both, or the mapping file."""
        if self.theirs is None:
            return ""
        return Source(self.ours, self.theirs, self.how, self.evidence).explained()


@dataclass
class Preview:
    file_name: str
    kind: str
    file_type: str = ""
    sha256: str = ""
    header_row: int = 1
    delimiter: str = ","
    headers: list[str] = field(default_factory=list)
    columns: list[ColumnPreview] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    ties: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    event_log: bool = False
    derived: dict[str, str] = field(default_factory=dict)  # our column's header -> how it will be derived
    # Values of our columns with a vocabulary: our column's header -> [(as written, ours or None, rows)].
    value_maps: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    error: str | None = None

    @property
    def read(self) -> bool:
        """The file could be read far enough to show its columns."""
        return bool(self.headers)

    @property
    def missing(self) -> list[str]:
        return [c.ours for c in self.columns if c.required and c.theirs is None]

    @property
    def lacking(self) -> dict[str, str]:
        return {
            c.ours: c.without for c in self.columns if c.theirs is None and c.without and c.ours not in self.derived
        }

    def warnings(self) -> list[str]:
        """Columns whose first values mostly do not read as their type: a wrong mapping, or a broken export."""
        found = []
        for column in self.columns:
            present = [e for e in column.examples if e]
            if column.expected and present and column.readable * 2 < len(present):
                found.append(
                    f"{column.ours} ('{column.theirs}'): {len(present) - column.readable} of the first "
                    f"{len(present)} values are not {column.expected}, for example '{present[0][:40]}'. Those rows "
                    "will be quarantined unless a mapping file states what they mean."
                )
        return found

    def lines(self) -> list[str]:
        """The preview as text, for the command line."""
        if not self.read:
            return []
        where = f", header on row {self.header_row}" if self.header_row > 1 else ""
        shape = ", one row per update (an event log)" if self.event_log else ""
        lines = [f"read as {self.file_type}{where}{shape}"]
        for column in self.columns:
            if column.theirs is None:
                if column.required:
                    lines.append(f"{column.ours} <- MISSING")
                continue
            lines.append(source_line(Source(column.ours, column.theirs, column.how, column.evidence)))
        if self.ignored:
            lines.append("not used: " + ", ".join(f"'{h}'" for h in self.ignored))
        lines += [f"not in this file: {ours}: {without}" for ours, without in self.lacking.items()]
        lines += [f"not taken: {tie}" for tie in self.ties]
        lines += [f"derived: {ours} = {how}" for ours, how in self.derived.items()]
        for ours, values in self.value_maps.items():
            read = ", ".join(f"'{v}' -> {o or 'not placed'}" for v, o, _ in values[:8])
            more = f" and {len(values) - 8:,} more" if len(values) > 8 else ""
            lines.append(f"{ours} values: {read}{more}")
        lines += self.notes
        lines += [f"warning: {w}" for w in self.warnings()]
        return lines


def describe(trip: Trip) -> Preview:
    """The preview of a trip that went through stages 1 to 3."""
    assert trip.header is not None and trip.matching is not None and trip.info is not None
    header, matching = trip.header, trip.matching
    preview = Preview(
        file_name=trip.file_name,
        kind=trip.kind.name,
        file_type=trip.report.file_type,
        sha256=trip.info.sha256,
        header_row=header.header_row,
        delimiter=header.delimiter,
        headers=header.headers,
        ignored=matching.ignored,
        ties=list(trip.report.ties),
        notes=list(matching.notes) + _period(trip),
        event_log=matching.event_log_likely,
        error=matching.problem,
    )
    found = {m.column: m for m in matching.matches}
    names = {c.name for c in found}
    preview.derived = trip.kind.derived_told(names)
    if matching.event_log_likely and trip.kind.events is not None:
        kind = trip.kind
        preview.derived |= {kind.column(d.column).header: d.how for d in kind.events.derivations(names)}
    readable, reading_notes = _readable_counts(trip, matching)
    preview.notes += reading_notes
    for column in trip.kind.columns:
        match = found.get(column)
        examples = header.cells(match.source)[:EXAMPLES] if match else []
        kind_of = expected(column) if column.reference is None and not column.choices else ""
        if column.choices and column.type == "choice" and not column.placed_later:
            kind_of = expected(column)
        preview.columns.append(
            ColumnPreview(
                ours=column.header,
                name=column.name,
                required=column.required,
                theirs=match.source if match else None,
                how=match.how if match else "",
                evidence=match.evidence if match else "",
                examples=examples,
                readable=readable.get(column.name, 0),
                expected=kind_of,
                without=column.without,
            )
        )
        if match and column.name in matching.value_maps:
            preview.value_maps[column.header] = matching.value_maps[column.name]
    return preview


def _period(trip: Trip) -> list[str]:
    if trip.mapping is None or trip.mapping.period is None or trip.kind.stated_date is None:
        return []
    column = trip.kind.column(trip.kind.stated_date.column)
    return [f"{column.header}: rows with no usable date are {trip.mapping.describe_period()}, and flagged"]


def _readable_counts(trip: Trip, matching: Matching) -> tuple[dict[str, int], list[str]]:
    """For each typed column, how many of the first values read as its type, read as the import reads them
    (rules decided over the sampled rows); choice columns: how many its vocabulary places. And what the
    readings note (a decimal comma, two-digit years)."""
    assert trip.header is not None
    counts = {}
    for name, values in matching.value_maps.items():
        match = next(m for m in matching.matches if m.column.name == name)
        first = [v.strip() for v in trip.header.cells(match.source)[:EXAMPLES]]
        placed = {v for v, ours, _ in values if ours is not None}
        counts[name] = sum(1 for v in first if v in placed)
    typed = [m for m in matching.matches if m.column.type not in ("text", "choice") and m.column.reference is None]
    if not typed or not trip.header.rows:
        return counts, []
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        create_macros(con)
        headers = trip.header.headers
        columns = ", ".join(f"{quote_ident(h)} varchar" for h in headers)
        con.execute(f"create temp table sample (_row integer, {columns})")
        width = len(headers)
        rows = [[i, *row[:width], *[None] * (width - len(row))] for i, row in enumerate(trip.header.rows)]
        con.executemany(f"insert into sample values ({', '.join('?' for _ in range(width + 1))})", rows)
        decimal = trip.mapping.decimal if trip.mapping else None
        storage = stored_storage(con, trip.kind)
        readings = column_readings(con, "sample", matching, storage, years_for(trip.file_name), decimal)
        for m in typed:
            raw = f"raw_{m.column.name}"
            reading = readings.get(m.column.name)
            value = reading.raw if reading and reading.raw else f"clean(sample.{quote_ident(m.source)})"
            selects = [f"{value} as {raw}"] + [f"{sql} as {name}" for name, sql in (reading.carried if reading else ())]
            joins = " ".join(reading.joins) if reading else ""
            typed_value = reading.typed if reading else typed_expression(m.column, raw)
            counts[m.column.name] = con.execute(
                f"select count({typed_value}) from (select {', '.join(selects)} from sample {joins} "
                f"where sample._row < {EXAMPLES})"
            ).fetchall()[0][0]
    finally:
        con.close()
    return counts, [note for reading in readings.values() for note in reading.notes]


__all__ = ["HOW", "ColumnPreview", "Preview", "describe"]
