"""Stage 4, typing and checking: every data row read into DuckDB as text, then typed, resolved and checked.

`typed` holds, for each row read, its raw text (`raw_<column>`), its typed values under our column names, the
ids its labels resolve to, and `_reason`: why the row breaks the contract, or null when it does not. Everything
is one statement over `src`, so DuckDB streams the rows through it without storing the steps; labels and choice
values are read once per distinct value.

What the stages before settled is applied here, as data: a mapping file's value maps and stated period, a key
made from a payment's content when the export has no transaction number, a payee left blank loaded as
"Not given (withheld)", a ticket state or priority no vocabulary places kept as written for the analyst to map.
Whether the file is an event log is decided here too, over all its rows.

Entry: `type_and_check(trip)`.
"""

import duckdb

from bsdash.formatting import counted
from bsdash.ingest.kinds import Column, Kind
from bsdash.ingest.labels import create_lookups, mapped_values
from bsdash.ingest.numbers import NumberReading, storage_of
from bsdash.ingest.readings import Reading, column_readings, years_for
from bsdash.ingest.sql import (
    TOTALS_CELL,
    TOTALS_WORD,
    column_checks,
    content_key,
    create_macros,
    quote_ident,
    quote_literal,
    row_checks,
    typed_expression,
    with_derived,
)
from bsdash.ingest.targets import stored_storage
from bsdash.ingest.text_rows import read_rows
from bsdash.ingest.trip import Matching, Trip
from bsdash.ingest.values import place, vocabulary
from bsdash.store.db import scalar

WITHHELD = "Not given (withheld)"
NOT_GIVEN = "Not given"


def type_and_check(trip: Trip) -> None:
    """Stage 4: read the rows, type them, resolve their labels and check them against the contract."""
    assert trip.header is not None and trip.matching is not None
    con, kind, matching = trip.connection, trip.kind, trip.matching
    trip.progress(0.1, f"Reading the rows of {trip.file_name}")
    create_macros(con)
    create_lookups(con)
    read_rows(trip)
    trip.event_log = _is_event_log(con, kind, matching)
    trip.progress(0.3, "Checking every row")
    sources = matching.by_column
    labels = _label_tables(con, kind, sources)
    choices = _choice_tables(con, kind, matching)
    decimal = trip.mapping.decimal if trip.mapping else None
    readings = column_readings(con, "src", matching, stored_storage(con, kind), years_for(trip.file_name), decimal)
    _amounts_as_read(con, kind, readings)
    stated = trip.mapping.period if trip.mapping and kind.stated_date else None
    con.execute(f"create or replace temp table typed as {_typed_sql(trip, labels, choices, readings, stated)}")
    _explain_junk_rows(con, kind, matching, stated is not None)
    _report(trip, choices, stated)
    for reading in readings.values():
        trip.report.notes.extend(reading.notes)


def _amounts_as_read(con: duckdb.DuckDBPyConnection, kind: Kind, readings: dict[str, Reading]) -> None:
    """`parse_amount(x)`: an amount read as this file's money column reads it, for the totals lines stage 7
    compares with the rows (a point for the decimal when the file has no money column)."""
    reading = readings.get(kind.money or "")
    number = reading.number if reading and reading.number else NumberReading(True, storage_of("DECIMAL", 18, 2), ".")
    con.execute(f"create or replace temp macro parse_amount(x) as {number.typed('x')}")


def _is_event_log(con: duckdb.DuckDBPyConnection, kind: Kind, matching: Matching) -> bool:
    """An event log has the kind's update-number column, or an event order and a key seen more than once."""
    if kind.events is None:
        return False
    if matching.found(kind.events.marker):
        return True
    key = next((m.source for m in matching.matches if m.column.name in kind.key), None)
    if key is None or not any(matching.found(name) for name in kind.events.order):
        return False
    key_sql = f"nullif(trim(src.{quote_ident(key)}), '')"
    return bool(scalar(con, f"select count({key_sql}) > count(distinct {key_sql}) from src"))


def _typed_sql(
    trip: Trip, labels: dict[str, str], choices: dict[str, str], readings: dict[str, Reading], stated
) -> str:
    kind, matching = trip.kind, trip.matching
    assert matching is not None
    sources = matching.by_column
    required = _required_in_every_row(kind, matching)
    raw_selects, typed_selects, reasons, joins, carried = ["src._row"], ["raw.*"], [], [], []
    for column in kind.columns:
        raw = f"raw_{column.name}"
        source = sources.get(column)
        label_table = labels.get(column.name)
        reading = readings.get(column.name)
        if label_table:  # cleaned once per distinct value, not once per row
            raw_value = f"{label_table}.label"
            joins.append(f"left join {label_table} on {label_table}.raw = src.{quote_ident(source)}")
        elif reading is not None and reading.raw is not None:  # likewise, dates
            raw_value = reading.raw
            joins += reading.joins
            raw_selects += [f"{sql} as {name}" for name, sql in reading.carried]
            carried += [name for name, _ in reading.carried]
        elif source is not None:
            raw_value = f"clean(src.{quote_ident(source)})"
        else:
            raw_value = "null::varchar"
        if column.name == kind.withheld:  # a payee left blank was withheld; a file with none does not say
            raw_selects.append(f"{raw_value} is null and {source is not None} as _withheld")
            raw_value = f"coalesce({raw_value}, {quote_literal(WITHHELD if source else NOT_GIVEN)})"
        raw_selects.append(f"{raw_value} as {raw}")
        if column.name in choices:
            table = choices[column.name]
            raw_selects.append(f"{table}.value as _placed_{column.name}")
            joins.append(f"left join {table} on {table}.raw = src.{quote_ident(source)}")
        header = source or column.header
        if column.reference is not None:
            reasons += column_checks(column, raw, raw, header, required=column in required)
            continue
        typed = reading.typed if reading is not None else _typed(column, raw, choices)
        if stated is not None and kind.stated_date is not None and column.name == kind.stated_date.column:
            typed_selects.append(f"coalesce({typed}, date {quote_literal(stated[1].isoformat())}) as {column.name}")
            typed_selects.append(f"{typed} is null as {kind.stated_date.flag}")
        else:
            typed_selects.append(f"{typed} as {column.name}")
            problem = reading.problem if reading is not None else None
            # The checks read the typed column by its name: its SQL is not evaluated twice.
            reasons += column_checks(column, raw, column.name, header, required=column in required, problem=problem)
        if column.placed_later:
            typed_selects.append(f"case when {typed} is null then {raw} end as source_{column.name}")
    if kind.stated_date is not None and stated is None:
        typed_selects.append(f"false as {kind.stated_date.flag}")
    if not kind.withheld:
        raw_selects.append("false as _withheld")
    for column in kind.columns:
        if column.reference is None:
            continue
        table = labels.get(column.name)
        resolved = f"{table}.id" if table else "null::varchar"
        if column.reference == "service" and "expense_type" in labels:  # else from the expense type
            resolved = f"coalesce({resolved}, {labels['expense_type']}.id)"
        if column.name == kind.withheld:
            blank = quote_literal(WITHHELD if table else NOT_GIVEN)
            resolved = f"coalesce({resolved}, (select supplier_id(supplier_key({blank}))))"
        raw_selects.append(f"{resolved} as {column.reference}_id")
    for ref in kind.must_resolve:
        column = kind.column(ref)
        label = quote_literal(sources.get(column, column.header) + " '")
        tail = quote_literal("' is not a known " + ref)
        reasons.append(f"case when {ref}_id is null and raw_{ref} is not null then {label} || raw_{ref} || {tail} end")
    keyed = _keyed(kind, matching)
    values = f"select {', '.join(typed_selects)} from (select {', '.join(raw_selects)} from src {' '.join(joins)}) raw"
    checked = (
        f"select *, nullif(concat_ws('; ', {', '.join(reasons) or 'null'}), '') as _field_reason from ({keyed(values)})"
    )
    derived = with_derived(kind, f"({checked})")
    # Only the text the later stages read is kept: labels and the identifying column (a million rows would
    # carry the rest for nothing).
    kept = {f"raw_{c.name}" for c in kind.columns if c.reference or (c.type == "text" and not c.stored)}
    kept.add(f"raw_{_identifying_column(kind, matching).name}")
    dropped = [f"raw_{c.name}" for c in kind.columns if f"raw_{c.name}" not in kept]
    dropped += [f"_placed_{name}" for name in choices] + carried
    return (
        f"select * exclude (_field_reason, {', '.join(dropped)}), "
        f"nullif(concat_ws('; ', _field_reason, {', '.join(row_checks(kind)) or 'null'}), '') as _reason "
        f"from ({derived}) checked"
    )


def _typed(column: Column, raw: str, choices: dict[str, str]) -> str:
    if column.name in choices:
        placed = f"_placed_{column.name}"
        return placed if column.type == "choice" else f"coalesce({placed}, {raw})"  # text: usual spellings made one
    if column.type == "choice":  # not in this file
        return "null::varchar"
    if column.type in _ABSENT:  # a date or number column not in this file (those present have a reading)
        return f"null::{_ABSENT[column.type]}"
    return typed_expression(column, raw)


_ABSENT = {
    "date": "date",
    "timestamp": "timestamp",
    "money": "decimal(18, 2)",
    "number": "double",
    "integer": "integer",
}


def _required_in_every_row(kind: Kind, matching: Matching) -> set[Column]:
    """Columns every row must give: the required ones, and the first of each group the file holds."""
    required = {c for c in kind.columns if c.required}
    for group in kind.needs_one_of:
        present = next((name for name in group.columns if matching.found(name)), None)
        if group.in_every_row and present:
            required.add(kind.column(present))
    return required


def _keyed(kind: Kind, matching: Matching):
    """A wrapper giving each row its key: the export's own, or one made from the row's content."""
    if not kind.key_from_content:
        return lambda sql: sql
    key = kind.key[0]
    if matching.found(key):
        return lambda sql: f"select *, false as {kind.key_flag} from ({sql})"
    fields = [f"raw_{n}" if kind.column(n).reference else n for n in kind.key_from_content]
    expression = content_key(fields)
    return lambda sql: f"select * replace ({expression} as {key}), true as {kind.key_flag} from ({sql})"


def _label_tables(con: duckdb.DuckDBPyConnection, kind: Kind, sources: dict[Column, str]) -> dict[str, str]:
    """For each label column, its distinct values (there are few), cleaned and resolved once.

    Returns our column name -> table of (raw, label, id): `raw` as read, `label` cleaned, `id` the department,
    service or supplier it stands for. Rows join these on their value as read.
    """
    tables = {}
    for column in kind.columns:
        is_expense = kind.name == "spend" and column.name == "expense_type"
        if column not in sources or not (column.reference or is_expense):
            continue
        table = f"labels_{column.reference or 'expense'}"
        if column.reference == "supplier":  # a supplier's id comes from its name; new ones are added on load
            identity, resolve = "supplier_id(supplier_key(v.label))", ""
        else:
            lookup = f"{column.reference}_lookup" if column.reference else "expense_lookup"
            identity, resolve = "k.id", f"left join {lookup} k on k.label = label_key(v.label)"
        con.execute(f"""
            create or replace temp table {table} as
            select v.raw, v.label, {identity} as id
            from (select raw, clean(raw) as label from (select distinct {quote_ident(sources[column])} as raw from src)
                  where raw is not null) v
            {resolve}
        """)
        tables[column.name] = table
    return tables


def _choice_tables(con: duckdb.DuckDBPyConnection, kind: Kind, matching: Matching) -> dict[str, str]:
    """For each column with a vocabulary, its distinct values placed once (as the preview places them): the
    mapping file's value map first, then the analyst's reference map, then the vocabulary."""
    tables = {}
    for match in matching.matches:
        column = match.column
        if not column.choices:
            continue
        overrides = mapped_values(con, kind.mappable[column.name]) if column.name in kind.mappable else {}
        overrides.update(matching.overrides.get(column.name, {}))
        words = vocabulary(column)
        raws = [r[0] for r in con.execute(f"select distinct {quote_ident(match.source)} from src").fetchall()]
        table = f"choice_{column.name}"
        con.execute(f"create or replace temp table {table} (raw varchar, value varchar)")
        placed = [(raw, place(raw, words, overrides)) for raw in raws if raw is not None]
        if placed:
            con.executemany(f"insert into {table} values (?, ?)", placed)
        tables[column.name] = table
    return tables


def _explain_junk_rows(con: duckdb.DuckDBPyConnection, kind: Kind, matching: Matching, stated: bool) -> None:
    """Name the rows that are no record at all, instead of listing every field they lack.

    A blank row, a totals row ("Total", "Grand total: ..." with no key of its own) and a junk row (mostly
    empty, with no key, like a trailer) are quarantined as such. Only rows already failing (or dated by the
    mapping file, whose own date was unusable) are looked at, so a supplier called "Total Gas & Power" is never
    taken for a totals line.
    """
    headers = matching.headers
    key = _identifying_column(kind, matching)
    header = matching.by_column.get(key, key.header)
    key_missing = f"t.raw_{key.name} is null"
    looked_at = "t._reason is not null" + (f" or t.{kind.stated_date.flag}" if stated and kind.stated_date else "")
    # The looked-at rows' cells, however many columns the file has: one row per cell, gathered back per row.
    con.execute(
        f"""
        update typed set _reason = j.reason
        from (
            select t._row, case
                when len(cells) = 0 then 'blank row'
                when list_bool_or([regexp_full_match(lower(c), $totals_word) for c in cells])
                  or ({key_missing} and list_bool_or([regexp_full_match(lower(c), $totals_cell) for c in cells]))
                    then 'totals row'
                when {key_missing} and len(cells) * 2 <= $width and t._reason is not null
                    then 'junk row: mostly empty, with no ' || $key_header
            end as reason
            from (
                select t._row, t.raw_{key.name}, t._reason, coalesce(c.cells, []) as cells
                from typed t
                left join (
                    select _row, list(clean(value)) filter (where clean(value) is not null) as cells
                    from (
                        unpivot (select s.* from src s semi join typed t on s._row = t._row and ({looked_at}))
                        on columns(* exclude (_row)) into name field value value
                    )
                    group by _row
                ) c using (_row)
                where {looked_at}
            ) t
        ) j
        where typed._row = j._row and j.reason is not null
        """,
        {"totals_word": TOTALS_WORD, "totals_cell": TOTALS_CELL, "width": len(headers), "key_header": header},
    )


def _identifying_column(kind: Kind, matching: Matching) -> Column:
    """The column that identifies a record in this file: the first key column it holds, else its first
    required one."""
    for column in kind.columns:
        if (column.name in kind.key or (column.reference and f"{column.reference}_id" in kind.key)) and matching.found(
            column.name
        ):
            return column
    return next((c for c in kind.columns if c.required and matching.found(c.name)), kind.columns[0])


def _report(trip: Trip, choices: dict[str, str], stated) -> None:
    kind, matching, report = trip.kind, trip.matching, trip.report
    assert matching is not None
    con = trip.connection
    if kind.key_from_content and not matching.found(kind.key[0]):
        names = [kind.column(n).header for n in kind.key_from_content]
        report.key = (
            f"made from each row's {', '.join(names[:-1])} and {names[-1]}, and its place among identical rows of "
            f"the file (the file has no {kind.column(kind.key[0]).header})"
        )
    else:
        named = [matching.by_column.get(c) for c in kind.columns if c.name in kind.key]
        shown = [f"'{n}'" for n in named if n]
        ours = ", ".join(kind.column(k).header if kind.has_column(k) else k for k in kind.key)
        report.key = f"{ours} as the file gives it ({', '.join(shown)})" if shown else ""
    report.derived.update(kind.derived_told({m.column.name for m in matching.matches}))
    if stated is not None and kind.stated_date is not None:
        column = kind.column(kind.stated_date.column)
        dated = scalar(con, f"select count(*) from typed where {kind.stated_date.flag} and _reason is null")
        first, last = stated
        period = f"{first:%d/%m/%Y}" if first == last else f"the period {first:%d/%m/%Y} to {last:%d/%m/%Y}"
        report.notes.append(
            f"{column.header}: {counted(dated, 'row')} with no usable date of their own dated {last:%d/%m/%Y} "
            f"({period}, stated by the mapping file) and flagged as dated by the mapping"
        )
    for name in kind.mappable:
        if name not in choices:
            continue
        column = kind.column(name)
        source = matching.by_column[column]
        rows = con.execute(
            f"""
            select clean(c.raw), count(*) from src s join {choices[name]} c on c.raw = s.{quote_ident(source)}
            where c.value is null and clean(c.raw) is not null group by all order by 2 desc, 1
            """
        ).fetchall()
        if rows:
            report.unplaced[column.header] = dict(rows)
