"""What happened to one file: the import report, filled in by the stages and read by the command line, the Import
page and the audit log."""

from dataclasses import dataclass, field
from decimal import Decimal

from bsdash import formatting as fmt

HOW = {"name": "its name", "other name": "another name it goes by", "values": "its values"}


@dataclass(frozen=True)
class Source:
    """Where one of our columns came from, and why."""

    ours: str  # our column's header
    theirs: str  # the file's header
    how: str  # "name", "other name", "words in another order", "close spelling of ...", "values", "mapping file"
    evidence: str = ""  # what its values say, when they were looked at

    @property
    def by(self) -> str:
        """By name, by values, or both; or the mapping file."""
        if self.how == "mapping file":
            return "mapping file"
        if self.how == "values":
            return "values"
        return "name and values" if self.evidence else "name"

    def explained(self) -> str:
        """'its name; 3,913 values, all Capital or Revenue'."""
        how = HOW.get(self.how, self.how)
        return how + (f"; {self.evidence}" if self.evidence else "")


@dataclass
class Money:
    """The pounds of a file's rows: read = loaded + quarantined + duplicates, to the penny."""

    read: Decimal = Decimal(0)
    loaded: Decimal = Decimal(0)
    quarantined: Decimal = Decimal(0)
    duplicates: Decimal = Decimal(0)
    unreadable: int = 0  # rows read whose amount could not be read (they count for nothing)
    # The file's own total rows ("Total", "Grand total"), never loaded: their amount and row numbers.
    file_total: Decimal | None = None
    total_rows: list[int] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        return self.read == self.loaded + self.quarantined + self.duplicates

    def lines(self) -> list[str]:
        lines = [
            f"£ read {fmt.money_exact(self.read)} = loaded {fmt.money_exact(self.loaded)} + quarantined "
            f"{fmt.money_exact(self.quarantined)} + duplicates {fmt.money_exact(self.duplicates)}"
            + ("" if self.adds_up else " (DOES NOT ADD UP)")
        ]
        if self.unreadable:
            lines.append(f"{fmt.counted(self.unreadable, 'row')} with no readable amount, counted as £0.00")
        if self.file_total is not None:
            lines.append(self.total_line())
        return lines

    def total_line(self) -> str:
        assert self.file_total is not None
        rows = ", ".join(map(str, self.total_rows))
        where = f"the file's own total (row{'s' if len(self.total_rows) > 1 else ''} {rows}, not loaded)"
        difference = self.file_total - self.read
        if difference == 0:
            return f"{where}: {fmt.money_exact(self.file_total)}, agrees with its rows"
        return (
            f"{where}: {fmt.money_exact(self.file_total)}, differs from its rows ({fmt.money_exact(self.read)}) "
            f"by {fmt.money_exact(difference)}"
        )


@dataclass
class ImportReport:
    """What happened to one file; printed by the command line and shown by the Import page."""

    file_name: str
    kind: str
    sha256: str = ""
    rows_read: int = 0
    loaded: int = 0
    updated: int = 0
    quarantined: int = 0
    duplicates: int = 0
    import_id: int | None = None
    skipped: str | None = None
    seconds: float = 0.0
    # How the file was read: its type and encoding, the header's row, which source column went where and why.
    file_type: str = ""
    header_row: int = 1
    sources: list[Source] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    blank_lines: int = 0
    # Our optional columns the file lacks, with what shows less because of it; ties matching would not settle.
    lacking: dict[str, str] = field(default_factory=dict)
    ties: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the mapping file or the import assumed
    key: str = ""  # how each row is identified
    # For an event log (one row per update): the records (tickets) the loaded rows made, and what was derived.
    event_log: bool = False
    records: int = 0
    derived: dict[str, str] = field(default_factory=dict)
    # Values no vocabulary placed, listed for the analyst to map: our column's header -> {value: rows}.
    unplaced: dict[str, dict[str, int]] = field(default_factory=dict)
    money: Money | None = None
    reasons: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[int]] = field(default_factory=dict)

    @property
    def columns(self) -> dict[str, str]:
        """Our column's header -> the file's header."""
        return {s.ours: s.theirs for s in self.sources}

    @property
    def matched_by(self) -> dict[str, str]:
        """Our column's header -> how it was recognised."""
        return {s.ours: s.how for s in self.sources}

    def summary(self) -> str:
        if self.skipped:
            return f"{self.file_name}: skipped, {self.skipped}"
        updated = f" (of which {self.updated:,} updated)" if self.updated else ""
        loaded = f"loaded {self.loaded:,}{updated}"
        if self.event_log:
            loaded = f"loaded {self.loaded:,} into {fmt.counted(self.records, 'ticket')}"
            loaded += f" ({self.updated:,} updated)" if self.updated else ""
        read = f"read {self.rows_read:,}" + (" updates" if self.event_log else "")
        return (
            f"{self.file_name}: {self.kind}, {read}, {loaded}, "
            f"quarantined {self.quarantined:,}, duplicates {self.duplicates:,} ({self.seconds:.1f} s)"
        )

    def layout_lines(self) -> list[str]:
        """How the file was read: which source column went where and why, what it lacks, what was derived."""
        if self.skipped:
            return []
        where = f"header on row {self.header_row}, " if self.header_row > 1 else ""
        blank = f", {self.blank_lines:,} blank lines skipped" if self.blank_lines else ""
        lines = [f"read as {self.file_type}, {where}{len(self.sources)} columns used{blank}"]
        lines += [source_line(s) for s in self.sources]
        if self.ignored_columns:
            lines.append("not used: " + ", ".join(f"'{h}'" for h in self.ignored_columns))
        lines += [f"not in this file: {ours}: {without}" for ours, without in self.lacking.items()]
        lines += [f"not taken: {tie}" for tie in self.ties]
        if self.key:
            lines.append(f"key: {self.key}")
        lines += [f"derived: {ours} = {how}" for ours, how in self.derived.items()]
        lines += self.notes
        for ours, values in self.unplaced.items():
            shown = ", ".join(f"'{v}' ({n:,})" for v, n in list(values.items())[:6])
            more = f" and {len(values) - 6:,} more" if len(values) > 6 else ""
            lines.append(
                f"{ours}: values no vocabulary places, loaded as not given (listed on the Reference mapping page "
                f"where a record is left with one): {shown}{more}"
            )
        if self.money is not None:
            lines += self.money.lines()
        return lines


def source_line(source: Source) -> str:
    """`Department <- 'Organisational Unit' (other name)`, with the values' evidence when looked at."""
    note = "" if source.how == "name" else source.how
    if source.evidence:
        note = f"{note}; {source.evidence}" if note else source.evidence
    return f"{source.ours} <- '{source.theirs}'" + (f" ({note})" if note else "")
