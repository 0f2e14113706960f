"""The import pipeline: an export file in, typed rows out, nothing lost on the way.

    inspect (hash, file type, encoding) -> detect layout (header row, delimiter, columns by meaning)
    -> read (all text) -> type and check each row -> resolve labels -> collapse an event log
    -> classify (load / replace / duplicate / quarantine) -> write, in one transaction per file

Every row read is loaded, quarantined with its reason, or counted as a duplicate. A file that cannot be read
at all raises `ExportError` and the database is left exactly as it was.
"""

import getpass
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bsdash import events
from bsdash.detect import Layout, best_sheet, detect_layout
from bsdash.files import ExportError, FileInfo, blank_rows_among_data, inspect_file, readable_text
from bsdash.layouts import KINDS, RESOLVED_LATER, Column, Kind
from bsdash.mapping import Mapping, resolve
from bsdash.sources import Source, drop_source, read_source
from bsdash.staging import LABEL_TABLES, create_lookups, create_macros, quote_ident, quote_literal, stage
from bsdash.store import aggregates
from bsdash.store.checks import contract_problems
from bsdash.store.db import first_row, scalar

Progress = Callable[[float, str], None]

EXAMPLES_PER_REASON = 3
# Kinds whose import can change how other tables' labels resolve.
REFERENCE_KINDS = ("departments", "services", "reference_map")

__all__ = [
    "ExportError",
    "ImportReport",
    "import_file",
    "import_files",
    "quote_ident",
    "quote_literal",
    "resolve_labels",
]


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
    # How the file was read: its type and encoding, the header's row, which source column went where.
    file_type: str = ""
    header_row: int = 1
    columns: dict[str, str] = field(default_factory=dict)  # our column's header -> the file's header
    matched_by: dict[str, str] = field(default_factory=dict)  # our column's header -> how it was recognised
    ignored_columns: list[str] = field(default_factory=list)
    blank_lines: int = 0
    # For an event log (one row per update): the records (tickets) the loaded rows made.
    event_log: bool = False
    records: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[int]] = field(default_factory=dict)

    def summary(self) -> str:
        if self.skipped:
            return f"{self.file_name}: skipped, {self.skipped}"
        updated = f" (of which {self.updated:,} updated)" if self.updated else ""
        loaded = f"loaded {self.loaded:,}{updated}"
        if self.event_log:
            noun = KINDS[self.kind].table
            loaded = f"loaded {self.loaded:,} into {self.records:,} {noun} ({self.updated:,} updated)"
            loaded = loaded.replace(" (0 updated)", "")
        read = f"read {self.rows_read:,}" + (" updates" if self.event_log else "")
        return (
            f"{self.file_name}: {self.kind}, {read}, {loaded}, "
            f"quarantined {self.quarantined:,}, duplicates {self.duplicates:,} ({self.seconds:.1f} s)"
        )

    def layout_lines(self) -> list[str]:
        """Which source column went where, and which were left: for the command line."""
        if self.skipped:
            return []
        where = f"header on row {self.header_row}, " if self.header_row > 1 else ""
        blank = f", {self.blank_lines:,} blank lines skipped" if self.blank_lines else ""
        lines = [f"read as {self.file_type}, {where}{len(self.columns)} columns used{blank}"]
        for ours, theirs in self.columns.items():
            how = self.matched_by.get(ours, "")
            note = "" if how == "name" else f" ({how})"
            lines.append(f"{ours} <- '{theirs}'{note}")
        if self.ignored_columns:
            lines.append("not used: " + ", ".join(f"'{h}'" for h in self.ignored_columns))
        return lines


def import_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    kind: str,
    *,
    force: bool = False,
    user: str | None = None,
    mapping: Mapping | None = None,
    on_file: Callable[[ImportReport], None] | None = None,
) -> list[ImportReport]:
    """Import several files of one kind, each in its own transaction; stops at the first unreadable file."""
    reports = []
    for path in paths:
        report = import_file(con, Path(path), kind, force=force, user=user, mapping=mapping)
        reports.append(report)
        if on_file:
            on_file(report)
    return reports


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind: str,
    *,
    force: bool = False,
    user: str | None = None,
    file_name: str | None = None,
    mapping: Mapping | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one export file in one transaction. Raises ExportError when the file cannot be read at all.

    A file whose content was imported before is skipped, unless `force` (its rows then count as duplicates,
    or load where they were quarantined before and a mapping has since been added). `mapping` settles what
    layout detection cannot; `progress` hears of each step.
    """
    if kind not in KINDS:
        raise ExportError(f"Unknown kind '{kind}'. Accepted: {', '.join(KINDS)}.")
    spec = KINDS[kind]
    mapping = resolve(mapping, spec) if mapping else None
    step = progress or (lambda _fraction, _message: None)
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(file_name=file_name or path.name, kind=kind)
    step(0.0, f"Reading {report.file_name}")
    info = inspect_file(path, report.file_name, encoding=mapping.encoding if mapping else None)
    report.sha256 = info.sha256
    earlier = first_row(
        con,
        "select import_id, file_name, imported_at from imports where sha256 = $sha and kind = $kind "
        "order by import_id limit 1",
        {"sha": report.sha256, "kind": kind},
    )
    if earlier and not force:
        report.skipped = (
            f"same content as {earlier[1]}, imported {earlier[2]:%d/%m/%Y %H:%M} (import #{earlier[0]}); nothing to add"
        )
        report.seconds = time.perf_counter() - started
        return report

    with readable_text(info, sheet=mapping.sheet if mapping else None, choose_sheet=best_sheet(spec)) as text:
        layout = file_layout(text.head, spec, report.file_name, mapping)
        _describe_layout(report, info, layout, text.sheet)
        blank_rows = blank_rows_among_data(info, text, layout.header_row)
        con.execute("begin transaction")
        try:
            create_macros(con)
            create_lookups(con)
            step(0.1, f"Reading the rows of {report.file_name}")
            source = read_source(con, text, layout, report.file_name, blank_rows)
            step(0.3, "Checking every row")
            stage(con, spec, layout.mapping, layout.headers)
            report.event_log = events.is_event_log(con, spec, layout.mapping)
            if report.event_log:
                step(0.5, "Collapsing the updates to one row per record")
                events.collapse(con, spec, layout.mapping)
            _classify(con, spec, layout.mapping)
            if report.event_log:
                events.spread_outcome(con, spec)
            else:
                con.execute("create or replace temp view row_outcome as select * from outcome")
            step(0.7, "Writing")
            _write(con, spec, report, source, user)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        finally:
            _drop_temporaries(con)
    report.seconds = time.perf_counter() - started
    step(1.0, f"{report.file_name} imported")
    return report


def file_layout(head: str, spec: Kind, file_name: str, mapping: Mapping | None, *, strict: bool = True) -> Layout:
    """The layout of a file's text: detected, with whatever the mapping file settles."""
    return detect_layout(
        head,
        spec,
        file_name,
        pinned=mapping.pinned(spec) if mapping else None,
        header_row=mapping.header_row if mapping else None,
        delimiter=mapping.delimiter if mapping else None,
        strict=strict,
    )


def _describe_layout(report: ImportReport, info: FileInfo, layout: Layout, sheet: str | None) -> None:
    report.file_type = info.describe() + (f", sheet '{sheet}'" if sheet else "")
    report.header_row = layout.header_row
    report.columns = {m.column.header: m.source for m in layout.matches}
    report.matched_by = {m.column.header: m.how for m in layout.matches}
    report.ignored_columns = layout.ignored
    report.blank_lines = max(0, info.blank_line_count - sum(1 for line in info.blank_lines if line < layout.header_row))


def stored_columns(con: duckdb.DuckDBPyConnection, spec: Kind) -> list[str]:
    """Columns of the target table that an import of this kind fills, in table order."""
    table_columns = [
        r[0]
        for r in con.execute(
            "select column_name from duckdb_columns() where table_name = $t and not internal order by column_index",
            {"t": spec.table},
        ).fetchall()
    ]
    available = {c.name for c in spec.columns if c.stored and c.reference is None} | set(spec.derived)
    for column in spec.columns:
        if column.reference:
            available |= {f"{column.reference}_id", f"source_{column.reference}"}
    if spec.name == "spend":
        available.add("supplier_name")
    return [c for c in table_columns if c in available]


def _value_expression(spec: Kind, name: str, alias: str = "t") -> str:
    """How a stored column is read from `typed`: a reference's label keeps the export's own text."""
    references = {c.reference for c in spec.columns if c.reference}
    if name.startswith("source_") and name.removeprefix("source_") in references:
        return f"{alias}.raw_{name.removeprefix('source_')}"
    if name == "supplier_name":
        return f"{alias}.raw_supplier"
    return f"{alias}.{name}"


def _classify(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]) -> None:
    """Decide each valid row's fate by its natural key: load, replace, duplicate, or conflict (quarantine).

    A key repeated within the file is a duplicate when its values match its first occurrence, a conflict when
    not; a key already in the table is a duplicate when the values match, else replaced or quarantined as the
    kind says. Whole rows are compared only for those few keys, so that a large new file stays fast.
    """
    columns = stored_columns(con, spec)
    keys = ", ".join(spec.key)
    same_as_first = " and ".join(
        f"{_value_expression(spec, c, 'v')} is not distinct from {_value_expression(spec, c, 'f')}" for c in columns
    )
    same_as_loaded = " and ".join(f"{_value_expression(spec, c, 'v')} is not distinct from x.{c}" for c in columns)
    on_table = " and ".join(f"k.{k} = x.{k}" for k in spec.key)
    con.execute(f"""
        create or replace temp table keyed as
        select _row, {keys}, min(_row) over (partition by {keys}) as _first_row from typed where _reason is null
    """)
    con.execute(f"""
        create or replace temp table decided as
        with repeats as (
            select k._row, case when {same_as_first} then 'duplicate' else 'conflict_file' end as _status
            from keyed k join typed v on v._row = k._row join typed f on f._row = k._first_row
            where k._first_row <> k._row
        ),
        existing as (
            select k._row,
                case when {same_as_loaded} then 'duplicate'
                     when {quote_literal(spec.on_conflict)} = 'replace' then 'replace'
                     else 'conflict_table' end as _status
            from keyed k join {spec.table} x on {on_table} join typed v on v._row = k._row
            where k._first_row = k._row
        )
        select k._row, coalesce(r._status, e._status, 'load') as _status, k._first_row,
               {" || ' / ' || ".join(f"k.{k}::varchar" for k in spec.key)} as _key
        from keyed k left join repeats r using (_row) left join existing e using (_row)
    """)
    key_header = " / ".join(
        mapping.get(spec.column(k), spec.column(k).header) if any(c.name == k for c in spec.columns) else k
        for k in spec.key
    )
    con.execute(f"""
        create or replace temp table outcome as
        select t._row, coalesce(d._status, 'quarantine') as _status,
            case
                when t._reason is not null then t._reason
                when d._status = 'conflict_file' then {quote_literal(key_header)} || ' ''' || d._key ||
                    ''' appears again in this file with different values (first at row ' || d._first_row || ')'
                when d._status = 'conflict_table' then {quote_literal(key_header)} || ' ''' || d._key ||
                    ''' is already loaded with different values'
            end as _reason
        from typed t left join decided d using (_row)
    """)


def _write(con: duckdb.DuckDBPyConnection, spec: Kind, report: ImportReport, source: Source, user: str | None) -> None:
    counts = dict(con.execute("select _status, count(*) from row_outcome group by all").fetchall())
    records = dict(con.execute("select _status, count(*) from outcome group by all").fetchall())
    report.rows_read = sum(counts.values()) + source.rejected_count(con)
    report.loaded = counts.get("load", 0) + counts.get("replace", 0)
    report.records = records.get("load", 0) + records.get("replace", 0)
    report.updated = records.get("replace", 0)
    report.duplicates = counts.get("duplicate", 0)
    report.quarantined = report.rows_read - report.loaded - report.duplicates
    report.import_id = scalar(
        con,
        "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, records, "
        "imported_by) values ($f, $s, $k, $r, $l, $q, $d, $n, $u) returning import_id",
        {
            "f": report.file_name,
            "s": report.sha256,
            "k": spec.name,
            "r": report.rows_read,
            "l": report.loaded,
            "q": report.quarantined,
            "d": report.duplicates,
            "n": report.records,
            "u": user or _user(),
        },
    )
    fields = ", ".join(f"{quote_ident(h)} := src.{quote_ident(h)}" for h in source.headers)
    con.execute(
        f"""
        insert into quarantine
        select $import_id, $file, src._row, to_json(struct_pack({fields}))::varchar, o._reason
        from row_outcome o join src using (_row)
        where o._status not in ('load', 'replace', 'duplicate')
    """,
        {"import_id": report.import_id, "file": report.file_name},
    )
    source.quarantine_rejected_lines(con, report.import_id, report.file_name)

    if any(c.reference == "supplier" for c in spec.columns):
        _create_suppliers(con)
    _write_rows(con, spec, report.import_id)
    broken = contract_problems(con, spec.table, report.import_id)
    if broken:  # cannot happen unless the pipeline itself is wrong; never commit such rows
        raise ExportError(f"{report.file_name}: the import would break the data contract: {'; '.join(broken)}")
    if report.loaded and spec.name in REFERENCE_KINDS:
        resolve_labels(con)
    elif report.loaded:
        aggregates.refresh(con, spec.table, import_id=report.import_id)

    reason_rows = con.execute(
        """
        select reason, count(*), list(row_number order by row_number)[1:$n]
        from quarantine where import_id = $id group by reason order by count(*) desc, reason
    """,
        {"id": report.import_id, "n": EXAMPLES_PER_REASON},
    ).fetchall()
    report.reasons = {r[0]: r[1] for r in reason_rows}
    report.examples = {r[0]: r[2] for r in reason_rows}


def _create_suppliers(con: duckdb.DuckDBPyConnection) -> None:
    """Add the suppliers that the loaded rows name for the first time."""
    has_reference = scalar(
        con,
        "select count(*) from duckdb_columns() where table_name = 'typed' and column_name = 'raw_supplier_reference'",
    )
    reference = "t.raw_supplier_reference" if has_reference else "null"
    con.execute(f"""
        insert into suppliers (supplier_id, name, name_key, supplier_reference, provider_type, is_sme, is_redacted)
        select distinct on (t.supplier_id)
            t.supplier_id,
            case when supplier_key(t.raw_supplier) = 'REDACTED PERSONAL DATA' then 'Redacted personal data'
                 else t.raw_supplier end,
            supplier_key(t.raw_supplier), {reference}, 'external', null,
            supplier_key(t.raw_supplier) = 'REDACTED PERSONAL DATA'
        from typed t join outcome o using (_row)
        where o._status in ('load', 'replace') and t.supplier_id is not null
          and t.supplier_id not in (select supplier_id from suppliers)
        order by t.supplier_id, t._row
    """)


def _write_rows(con: duckdb.DuckDBPyConnection, spec: Kind, import_id: int) -> None:
    columns = stored_columns(con, spec)
    has_import_id = bool(
        scalar(
            con,
            "select count(*) from duckdb_columns() where table_name = $t and column_name = 'import_id'",
            {"t": spec.table},
        )
    )
    targets = columns + (["import_id"] if has_import_id else [])
    values = [_value_expression(spec, c) for c in columns] + (["$import_id"] if has_import_id else [])
    params = {"import_id": import_id} if has_import_id else {}
    replaced = scalar(con, "select count(*) from outcome where _status = 'replace'")
    settable = [
        (c, v)
        for c, v in zip(targets, values, strict=True)
        if c not in spec.key and not (spec.table == "suppliers" and c == "supplier_id")
    ]
    if replaced and settable:
        assignments = ", ".join(f"{c} = {v}" for c, v in settable)
        on_key = " and ".join(f"{spec.table}.{k} = t.{k}" for k in spec.key)
        con.execute(
            f"""
            update {spec.table} set {assignments}
            from typed t join outcome o using (_row) where o._status = 'replace' and {on_key}
        """,
            params,
        )
    con.execute(
        f"""
        insert into {spec.table} ({", ".join(targets)})
        select {", ".join(values)} from typed t join outcome o using (_row) where o._status = 'load'
    """,
        params,
    )


def resolve_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Point every row loaded with a department or service label at the id its label maps to now.

    A label whose mapping was removed goes back to unmapped. A payment's service is read from its service
    label, else from its expense type. Each distinct label is resolved once, then the rows that change.
    """
    create_macros(con)
    create_lookups(con)
    for table, references in RESOLVED_LATER.items():
        for reference in references:
            fallback = ""
            labels = f"t.source_{reference}"
            if table == "spend" and reference == "service":
                fallback = "left join expense_lookup e on e.label = label_key(p.expense_type)"
                labels += ", t.expense_type"
            con.execute(f"""
                update {table} t set {reference}_id = r.id
                from (
                    select p.*, coalesce(l.id{", e.id" if fallback else ""}) as id
                    from (select distinct {labels} from {table} t) p
                    left join {reference}_lookup l on l.label = label_key(p.source_{reference})
                    {fallback}
                ) r
                where r.source_{reference} is not distinct from t.source_{reference}
                  {"and r.expense_type is not distinct from t.expense_type" if fallback else ""}
                  and t.{reference}_id is distinct from r.id
            """)
    aggregates.refresh_all(con)


def _drop_temporaries(con: duckdb.DuckDBPyConnection) -> None:
    drop_source(con)
    events.drop(con)
    ours = {"typed", "keyed", "decided", "outcome", "row_outcome", *LABEL_TABLES}
    for name, table_type in con.execute(
        "select table_name, table_type from information_schema.tables where table_catalog = 'temp'"
    ).fetchall():
        if name in ours:
            con.execute(f"drop {'view' if table_type == 'VIEW' else 'table'} temp.{quote_ident(name)}")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def quarantined_rows(con: duckdb.DuckDBPyConnection, import_id: int) -> list[dict]:
    """The quarantined rows of one import, raw row decoded, for reports."""
    rows = con.execute(
        "select row_number, raw_row, reason from quarantine where import_id = $id order by row_number",
        {"id": import_id},
    ).fetchall()
    return [{"row_number": r[0], "raw_row": json.loads(r[1]), "reason": r[2]} for r in rows]
