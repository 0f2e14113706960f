"""Stage 7, writing: the import's record with its counts and pounds, the quarantined rows with their reasons, new
suppliers, and the rows themselves, inside the trip's one transaction.

Every row read is loaded, quarantined or a duplicate, and for a kind with money the pounds of the rows read
(total rows aside) are the pounds loaded, quarantined and duplicated, to the penny. A file's own total row is
compared with its rows, never loaded. The loaded rows' relationships are verified before anything commits.

Entry: `write_rows(trip)`.
"""

import getpass
from decimal import Decimal

import duckdb

from bsdash import formatting as fmt
from bsdash.ingest.errors import ExportError
from bsdash.ingest.kinds import Kind
from bsdash.ingest.numbers import storage_of
from bsdash.ingest.report import ImportReport, Money
from bsdash.ingest.sql import quote_ident
from bsdash.ingest.targets import stored_columns, value_expression
from bsdash.ingest.trip import Trip
from bsdash.store.checks import contract_problems
from bsdash.store.db import scalar

EXAMPLES_PER_REASON = 3
TOTALS_ROW = "totals row"
# The amount on a totals line that could not be split into columns: its last number ("Grand total: £1,234.50",
# "Total 1.234,56"), read as the file's amounts are (stage 4's `parse_amount`).
LAST_AMOUNT = r"(\(?[-\x{2212}]?£?[0-9](?:[0-9,.'\x{2019}]*[0-9])?\)?(?:\s*(?:-|CR|DR))?)[^0-9]*$"


def write_rows(trip: Trip) -> None:
    """Stage 7: record the import, keep the quarantined rows, write the loaded ones, check the contract."""
    con, kind, report = trip.connection, trip.kind, trip.report
    assert trip.header is not None
    trip.progress(0.7, "Writing")
    _count(con, kind, report)
    if report.money is not None:
        _check_pounds_fit(con, report)
    report.import_id = scalar(
        con,
        "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, records, "
        "imported_by, amount_read, amount_loaded, amount_quarantined, amount_duplicates, file_total) "
        "values ($f, $s, $k, $r, $l, $q, $d, $n, $u, $ar, $al, $aq, $ad, $ft) returning import_id",
        {
            "f": report.file_name,
            "s": report.sha256,
            "k": kind.name,
            "r": report.rows_read,
            "l": report.loaded,
            "q": report.quarantined,
            "d": report.duplicates,
            "n": report.records,
            "u": trip.user or _user(),
            **_pounds(report.money),
        },
    )
    fields = ", ".join(f"{quote_ident(h)} := src.{quote_ident(h)}" for h in trip.header.headers)
    params = {"import_id": report.import_id, "file": report.file_name}
    con.execute(
        f"""
        insert into quarantine
        select $import_id, $file, src._row, to_json(struct_pack({fields}))::varchar, o._reason
        from row_outcome o join src using (_row)
        where o._status not in ('load', 'replace', 'duplicate')
        """,
        params,
    )
    con.execute(
        "insert into quarantine select $import_id, $file, line, to_json({'line': csv_line})::varchar, reason "
        "from src_rejected",
        params,
    )
    if any(c.reference == "supplier" for c in kind.columns):
        _create_suppliers(con)
    _write_rows(con, kind, report.import_id)
    broken = contract_problems(con, kind.table, report.import_id)
    if broken:  # cannot happen unless the pipeline itself is wrong; never commit such rows
        raise ExportError(f"{report.file_name}: the import would break the data contract: {'; '.join(broken)}")
    _reasons(con, report)


def _count(con: duckdb.DuckDBPyConnection, kind: Kind, report: ImportReport) -> None:
    """Rows and pounds by fate, in one pass over the rows."""
    rows = con.execute(
        """
        select _status, count(*),
            sum(_amount) filter (where _reason is distinct from $totals),
            count(*) filter (where _amount is null and _reason is distinct from $totals),
            list(_amount order by _row) filter (where _reason = $totals and _amount is not null),
            list(_row order by _row) filter (where _reason = $totals and _amount is not null),
            count(*) filter (where _withheld and _status in ('load', 'replace')),
            sum(_amount) filter (where _withheld and _status in ('load', 'replace'))
        from row_outcome
        group by all
        """,
        {"totals": TOTALS_ROW},
    ).fetchall()
    records = dict(con.execute("select _status, count(*) from outcome group by all").fetchall())
    counts = {r[0]: r[1] for r in rows}
    rejected = con.execute(
        f"""
        select count(*),
               list(parse_amount(regexp_extract(csv_line, $last_amount, 1)) order by line)
                   filter (where reason = '{TOTALS_ROW}'),
               list(line order by line) filter (where reason = '{TOTALS_ROW}')
        from src_rejected
        """,
        {"last_amount": LAST_AMOUNT},
    ).fetchall()[0]
    report.rows_read = sum(counts.values()) + rejected[0]
    report.loaded = counts.get("load", 0) + counts.get("replace", 0)
    report.records = records.get("load", 0) + records.get("replace", 0)
    report.updated = records.get("replace", 0)
    report.duplicates = counts.get("duplicate", 0)
    report.quarantined = report.rows_read - report.loaded - report.duplicates
    if not kind.money:
        return
    pounds = {r[0]: r[2] or Decimal(0) for r in rows}
    money = Money(
        loaded=pounds.get("load", Decimal(0)) + pounds.get("replace", Decimal(0)),
        duplicates=pounds.get("duplicate", Decimal(0)),
        quarantined=sum((v for k, v in pounds.items() if k not in ("load", "replace", "duplicate")), Decimal(0)),
        unreadable=sum(r[3] for r in rows) + rejected[0] - len(rejected[2] or []),
    )
    money.read = money.loaded + money.quarantined + money.duplicates
    totals = sorted(
        [(row, amount) for r in rows for row, amount in zip(r[5] or [], r[4] or [], strict=True)]
        + [
            (line, amount)
            for line, amount in zip(rejected[2] or [], rejected[1] or [], strict=True)
            if amount is not None
        ]
    )
    if totals:  # the last total row is the file's grand total (any before it are sub-totals)
        money.total_rows = [row for row, _ in totals]
        money.file_total = totals[-1][1]
    report.money = money
    withheld = sum(r[6] for r in rows)
    if withheld:
        amount = sum((r[7] or Decimal(0) for r in rows), Decimal(0))
        column = kind.column(kind.withheld).header
        report.notes.append(
            f"{column}: {fmt.counted(withheld, 'row')} with none given loaded as 'Not given (withheld)' "
            f"({fmt.money_exact(amount)}), flagged, and counted in every total"
        )


def _check_pounds_fit(con: duckdb.DuckDBPyConnection, report: ImportReport) -> None:
    """The import's record keeps its pounds in columns of a fixed size, each far beyond any real export: a file
    whose rows add up to more is refused (a hostile or broken file), and a total row beyond it is not compared."""
    storage = storage_of(
        *con.execute(
            "select data_type, numeric_precision, numeric_scale from duckdb_columns() "
            "where table_name = 'imports' and column_name = 'amount_read'"
        ).fetchall()[0]
    )
    money = report.money
    assert money is not None and storage.limit is not None
    if money.file_total is not None and abs(money.file_total) >= storage.limit:
        report.notes.append(
            f"the file's own total (row {money.total_rows[-1]}), {fmt.money_exact(money.file_total)}, is too large "
            "to be a total of payments: not compared"
        )
        money.file_total = None
    largest = max(abs(money.read), abs(money.loaded), abs(money.quarantined), abs(money.duplicates))
    if largest >= storage.limit:
        raise ExportError(
            f"{report.file_name}: its amounts add up to {fmt.money_exact(largest)}, more than an import can record "
            f"(at most £{storage.largest}): no export of payments is that large. Check its amounts."
        )


def _pounds(money: Money | None) -> dict[str, Decimal | None]:
    if money is None:
        return {"ar": None, "al": None, "aq": None, "ad": None, "ft": None}
    return {
        "ar": money.read,
        "al": money.loaded,
        "aq": money.quarantined,
        "ad": money.duplicates,
        "ft": money.file_total,
    }


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
            supplier_key(t.raw_supplier) = 'REDACTED PERSONAL DATA' or t._withheld
        from typed t left join decided d using (_row)
        where t._reason is null and coalesce(d._status, 'load') in ('load', 'replace') and t.supplier_id is not null
          and t.supplier_id not in (select supplier_id from suppliers)
        order by t.supplier_id, t._row
    """)


def _write_rows(con: duckdb.DuckDBPyConnection, kind: Kind, import_id: int) -> None:
    columns = stored_columns(con, kind)
    has_import_id = bool(
        scalar(
            con,
            "select count(*) from duckdb_columns() where table_name = $t and column_name = 'import_id'",
            {"t": kind.table},
        )
    )
    targets = columns + (["import_id"] if has_import_id else [])
    values = [value_expression(kind, c) for c in columns] + (["$import_id"] if has_import_id else [])
    params = {"import_id": import_id} if has_import_id else {}
    replaced = scalar(con, "select count(*) from decided where _status = 'replace'")
    settable = [
        (c, v)
        for c, v in zip(targets, values, strict=True)
        if c not in kind.key and not (kind.table == "suppliers" and c == "supplier_id")
    ]
    if replaced and settable:
        assignments = ", ".join(f"{c} = {v}" for c, v in settable)
        on_key = " and ".join(f"{kind.table}.{k} = t.{k}" for k in kind.key)
        con.execute(
            f"""
            update {kind.table} set {assignments}
            from typed t join decided d using (_row) where d._status = 'replace' and {on_key}
            """,
            params,
        )
    con.execute(
        f"""
        insert into {kind.table} ({", ".join(targets)})
        select {", ".join(values)} from typed t anti join decided d using (_row) where t._reason is null
        """,
        params,
    )


def _reasons(con: duckdb.DuckDBPyConnection, report: ImportReport) -> None:
    """Each reason rows were quarantined for, with its count and first rows."""
    reason_rows = con.execute(
        """
        select reason, count(*), list(row_number order by row_number)[1:$n]
        from quarantine where import_id = $id group by reason order by count(*) desc, reason
        """,
        {"id": report.import_id, "n": EXAMPLES_PER_REASON},
    ).fetchall()
    report.reasons = {r[0]: r[1] for r in reason_rows}
    report.examples = {r[0]: r[2] for r in reason_rows}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
