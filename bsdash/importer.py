"""The import pipeline: an export file in, typed rows out, nothing lost on the way.

    read (all text) -> match columns -> type and check each row -> resolve labels
    -> classify (load / replace / duplicate / quarantine) -> write, in one transaction per file

Every row read is loaded, quarantined with its reason, or counted as a duplicate. A file that cannot be read
at all raises `ExportError` and the database is left exactly as it was.
"""

import getpass
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bsdash import aggregates
from bsdash.checks import broken_relationships
from bsdash.db import first_row, scalar
from bsdash.layouts import KINDS, RESOLVED_LATER, Column, Kind
from bsdash.sources import ExportError, Source, drop_source, read_source
from bsdash.staging import LABEL_TABLES, create_lookups, create_macros, quote_ident, quote_literal, stage

EXAMPLES_PER_REASON = 3
# Kinds whose import can change how other tables' labels resolve.
REFERENCE_KINDS = ("departments", "services", "reference_map")

__all__ = [
    "ExportError",
    "ImportReport",
    "import_file",
    "import_files",
    "match_columns",
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
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[int]] = field(default_factory=dict)

    def summary(self) -> str:
        if self.skipped:
            return f"{self.file_name}: skipped, {self.skipped}"
        updated = f" (of which {self.updated:,} updated)" if self.updated else ""
        return (
            f"{self.file_name}: {self.kind}, read {self.rows_read:,}, loaded {self.loaded:,}{updated}, "
            f"quarantined {self.quarantined:,}, duplicates {self.duplicates:,} ({self.seconds:.1f} s)"
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    kind: str,
    *,
    force: bool = False,
    user: str | None = None,
    on_file: Callable[[ImportReport], None] | None = None,
) -> list[ImportReport]:
    """Import several files of one kind, each in its own transaction; stops at the first unreadable file."""
    reports = []
    for path in paths:
        report = import_file(con, Path(path), kind, force=force, user=user)
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
) -> ImportReport:
    """Import one export file in one transaction. Raises ExportError when the file cannot be read at all.

    A file whose content was imported before is skipped, unless `force` (its rows then count as duplicates,
    or load where they were quarantined before and a mapping has since been added).
    """
    if kind not in KINDS:
        raise ExportError(f"Unknown kind '{kind}'. Accepted: {', '.join(KINDS)}.")
    spec = KINDS[kind]
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(file_name=file_name or path.name, kind=kind)
    if not path.is_file():
        raise ExportError(f"{path}: no such file.")
    report.sha256 = file_sha256(path)
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

    con.execute("begin transaction")
    try:
        create_macros(con)
        create_lookups(con)
        source = read_source(con, path, report.file_name)
        mapping = match_columns(source, spec, report.file_name)
        report.columns = {c.header: source_header for c, source_header in mapping.items()}
        report.ignored_columns = [h for h in source.headers if h not in mapping.values()]
        stage(con, spec, mapping)
        _classify(con, spec, mapping)
        _write(con, spec, report, source, user)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        _drop_temporaries(con)
    report.seconds = time.perf_counter() - started
    return report


def match_columns(source: Source, spec: Kind, file_name: str) -> dict[Column, str]:
    """Find each contract column among the file's headers; stop when a required one is absent."""
    by_key = {_header_key(h): h for h in source.headers}
    mapping: dict[Column, str] = {}
    for column in spec.columns:
        for candidate in (column.header, *column.synonyms):
            found = by_key.get(_header_key(candidate))
            if found is not None and found not in mapping.values():
                mapping[column] = found
                break
    missing = [c.header for c in spec.columns if c.required and c not in mapping]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        seen = ", ".join(f"'{h}'" for h in source.headers)
        raise ExportError(f"{file_name}: no column for {names} in this {spec.name} export. Columns seen: {seen}.")
    return mapping


def _header_key(header: str) -> str:
    return "".join(ch for ch in header.lower() if ch.isalnum())


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
    counts = dict(con.execute("select _status, count(*) from outcome group by all").fetchall())
    report.rows_read = sum(counts.values()) + source.rejected_count(con)
    report.loaded = counts.get("load", 0) + counts.get("replace", 0)
    report.updated = counts.get("replace", 0)
    report.duplicates = counts.get("duplicate", 0)
    report.quarantined = report.rows_read - report.loaded - report.duplicates
    report.import_id = scalar(
        con,
        "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, imported_by) "
        "values ($f, $s, $k, $r, $l, $q, $d, $u) returning import_id",
        {
            "f": report.file_name,
            "s": report.sha256,
            "k": spec.name,
            "r": report.rows_read,
            "l": report.loaded,
            "q": report.quarantined,
            "d": report.duplicates,
            "u": user or _user(),
        },
    )
    fields = ", ".join(f"{quote_ident(h)} := src.{quote_ident(h)}" for h in source.headers)
    con.execute(
        f"""
        insert into quarantine
        select $import_id, $file, src._row, to_json(struct_pack({fields}))::varchar, o._reason
        from outcome o join src using (_row)
        where o._status not in ('load', 'replace', 'duplicate')
    """,
        {"import_id": report.import_id, "file": report.file_name},
    )
    source.quarantine_rejected_lines(con, report.import_id, report.file_name)

    if any(c.reference == "supplier" for c in spec.columns):
        _create_suppliers(con)
    _write_rows(con, spec, report.import_id)
    broken = broken_relationships(con, spec.table, report.import_id)
    if broken:  # cannot happen unless the pipeline itself is wrong; never commit such rows
        raise ExportError(f"{report.file_name}: the import would break the data contract: {'; '.join(broken)}")
    if report.loaded and spec.name in REFERENCE_KINDS:
        resolve_labels(con)
    elif report.loaded:
        aggregates.refresh(con, spec.table)

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
    """Point rows loaded with a department or service label at the id their label now maps to."""
    create_macros(con)
    create_lookups(con)
    for table, references in RESOLVED_LATER.items():
        for reference in references:
            con.execute(f"""
                update {table} t set {reference}_id = l.id from {reference}_lookup l
                where l.label = label_key(t.source_{reference}) and t.{reference}_id is distinct from l.id
            """)
    con.execute("""
        update spend t set service_id = l.id from expense_lookup l
        where t.service_id is null and l.label = label_key(t.expense_type)
    """)
    aggregates.refresh_all(con)


def _drop_temporaries(con: duckdb.DuckDBPyConnection) -> None:
    drop_source(con)
    for table in ("typed", "keyed", "decided", "outcome", *LABEL_TABLES):
        con.execute(f"drop table if exists temp.{table}")


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
