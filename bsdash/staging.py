"""Typing and checking an export's rows in SQL: from the all-text table `src` to `typed`.

`typed` holds, for each row read, its raw text (`raw_<column>`), its typed values under the contract's column
names, the ids its labels resolve to, and `_reason`: why the row breaks the contract, or null when it does not.
Everything is one statement over `src`, so DuckDB streams the rows through it without storing the steps.
"""

import duckdb

from bsdash.layouts import TYPE_DESCRIPTIONS, Column, Kind

# Day first, always: a UK export writes 05/03/2024 for the 5th of March. Single-digit days and months
# (5/3/2024) read with the same formats.
DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %B %Y",
)
TIME_SUFFIXES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", "T%H:%M:%S", "T%H:%M")
MISSING = ("", "?", "N/A", "NA", "NULL", "#N/A", "-")
# A totals line: a cell that is only "Total", "Totals", "Grand total:" ..., or one that starts so on a row
# with no key (t.raw_<key> is null).
TOTALS_WORD = r"(grand |sub[- ]?)?totals?:?"
TOTALS_CELL = r"(grand |sub[- ]?)?totals?\b.*"

MACROS = r"""
create or replace temp macro clean(x) as
    case when length(x) <= 12 and upper(trim(x)) in ('', '?', 'N/A', 'NA', 'NULL', '#N/A', '-') then null
         else trim(x) end;
-- How labels compare: case, spacing and punctuation set aside ("Leisure, Parks" = "Leisure  Parks").
create or replace temp macro label_key(x) as
    nullif(trim(regexp_replace(lower(x), '[^\p{L}\p{N}&]+', ' ', 'g')), '');
create or replace temp macro name_key(x) as
    nullif(trim(regexp_replace(upper(x), '[^A-Z0-9&]+', ' ', 'g')), '');
create or replace temp macro supplier_key(x) as
    case when name_key(x) like 'REDACTED%' then 'REDACTED PERSONAL DATA' else name_key(x) end;
create or replace temp macro supplier_id(k) as 'SUP-' || upper(left(md5(k), 8));
create or replace temp macro parse_amount(x) as coalesce(
    try_cast(x as decimal(18, 2)),
    case
        -- credits written (12.00), 12.00- or 12.00 CR
        when regexp_full_match(x, '\(\s*-?(£|GBP)?\s*[0-9][0-9,]*(\.[0-9]+)?\s*\)')
          or regexp_full_match(x, '(£|GBP)?\s*[0-9][0-9,]*(\.[0-9]+)?\s*(-|CR|cr)')
            then -try_cast(regexp_replace(x, '[^0-9.]', '', 'g') as decimal(18, 2))
        when regexp_full_match(x, '[-+]?\s*(£|GBP)?\s*[-+]?[0-9][0-9,]*(\.[0-9]+)?|[-+]?£?\.[0-9]+')
            then try_cast(regexp_replace(x, '[£,\sGBP]', '', 'g') as decimal(18, 2))
    end);
create or replace temp macro parse_boolean(x) as
    case when lower(x) in ('true', 'yes', 'y', '1', 't') then true
         when lower(x) in ('false', 'no', 'n', '0', 'f') then false end;
"""


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(MACROS)


def create_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Label -> id tables for departments and services: the reference map first, then names, then codes."""
    for reference, table, key in (
        ("department", "departments", "department_id"),
        ("service", "services", "service_id"),
    ):
        con.execute(f"""
            create or replace temp table {reference}_lookup as
            select distinct on (label) label, {key} as id from (
                select label_key(source_value) as label, target_id as {key}, 1 as rank
                from reference_map where kind = '{reference}' and target_id is not null
                union all select label_key(name), {key}, 2 from {table}
                union all select label_key({key}), {key}, 3 from {table}
            ) order by label, rank
        """)
    con.execute("""
        create or replace temp table expense_lookup as
        select distinct on (label) label_key(source_value) as label, target_id as id
        from reference_map where kind = 'expense_type' and target_id is not null
        order by label
    """)


def stage(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str], headers: list[str]) -> None:
    """Build `typed` from `src` for one kind of export, given which source column holds each contract column."""
    labels = _label_tables(con, spec, mapping)
    raw_selects, typed_selects, reasons, joins = ["src._row"], ["raw.*"], [], []
    for column in spec.columns:
        raw = f"raw_{column.name}"
        if column.name in labels:  # cleaned once per distinct value, not once per row
            table = labels[column.name]
            raw_selects.append(f"{table}.label as {raw}")
            joins.append(f"left join {table} on {table}.raw = src.{quote_ident(mapping[column])}")
        elif column in mapping:
            raw_selects.append(f"clean(src.{quote_ident(mapping[column])}) as {raw}")
        else:
            raw_selects.append(f"null::varchar as {raw}")
        typed = raw
        if column.reference is None:
            typed = typed_expression(column, raw)
            typed_selects.append(f"{typed} as {column.name}")
        reasons += column_checks(column, raw, typed, mapping.get(column, column.header))
    for column in spec.columns:
        if column.reference:
            table = labels.get(column.name)
            resolved = f"{table}.id" if table else "null::varchar"
            if column.reference == "service" and "expense_type" in labels:  # else from the expense type
                resolved = f"coalesce({resolved}, {labels['expense_type']}.id)"
            raw_selects.append(f"{resolved} as {column.reference}_id")

    row_checks = [f"case when {check.failing} then {quote_literal(check.reason)} end" for check in spec.checks]
    for ref in spec.must_resolve:
        column = spec.column(ref)
        label, tail = quote_literal(mapping.get(column, column.header) + " '"), quote_literal("' is not a known " + ref)
        row_checks.append(
            f"case when {ref}_id is null and raw_{ref} is not null then {label} || raw_{ref} || {tail} end"
        )
    names = {c.name for c in spec.columns}
    replaced = [f"{e} as {n}" for n, e in spec.derived.items() if n in names]
    added = "".join(f", {e} as {n}" for n, e in spec.derived.items() if n not in names)
    replace = f"replace ({', '.join(replaced)})" if replaced else ""
    con.execute(f"""
        create or replace temp table typed as
        select * exclude (_field_reason) {replace} {added},
            nullif(concat_ws('; ', _field_reason, {", ".join(row_checks) or "null"}), '') as _reason
        from (
            select *, nullif(concat_ws('; ', {", ".join(reasons) or "null"}), '') as _field_reason
            from (
                select {", ".join(typed_selects)}
                from (select {", ".join(raw_selects)} from src {" ".join(joins)}) raw
            )
        ) typed
    """)
    _explain_junk_rows(con, spec, mapping, headers)


def _explain_junk_rows(
    con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str], headers: list[str]
) -> None:
    """Name the rows that are no record at all, instead of listing every field they lack.

    A blank row, a totals row ("Total", "Grand total: ..." with no key of its own) and a junk row (mostly
    empty, with no key, like a trailer) are quarantined as such. Only rows already failing are looked at, so
    a supplier called "Total Gas & Power" is never taken for a totals line.
    """
    key = _key_column(spec)
    key_missing = f"t.raw_{key.name} is null"
    cells = "list_filter([" + ", ".join(f"clean(s.{quote_ident(h)})" for h in headers) + "], lambda c: c is not null)"
    con.execute(
        f"""
        update typed set _reason = j.reason
        from (
            select t._row, case
                when len(cells) = 0 then 'blank row'
                when list_bool_or([regexp_full_match(lower(c), $totals_word) for c in cells])
                  or ({key_missing} and list_bool_or([regexp_full_match(lower(c), $totals_cell) for c in cells]))
                    then 'totals row'
                when {key_missing} and len(cells) * 2 <= $width
                    then 'junk row: mostly empty, with no ' || $key_header
            end as reason
            from (select t._row, t.raw_{key.name}, {cells} as cells
                  from typed t join src s using (_row) where t._reason is not null) t
        ) j
        where typed._row = j._row and j.reason is not null
        """,
        {
            "totals_word": TOTALS_WORD,
            "totals_cell": TOTALS_CELL,
            "width": len(headers),
            "key_header": mapping.get(key, key.header),
        },
    )


def _key_column(spec: Kind) -> Column:
    """The column that identifies a record: the first key column the export holds."""
    for column in spec.columns:
        if column.name in spec.key or (column.reference and f"{column.reference}_id" in spec.key):
            return column
    return next(c for c in spec.columns if c.required)


def typed_expression(column: Column, raw: str) -> str:
    """SQL turning the column's cleaned text into its contract type (null when it cannot)."""
    if column.type == "text" and column.choices:  # usual spellings made the same; others kept as written
        cases = " ".join(f"when {quote_literal(k.lower())} then {quote_literal(v)}" for k, v in column.choices.items())
        return f"coalesce(case lower({raw}) {cases} end, {raw})"
    if column.type == "text":
        return raw
    if column.type in ("date", "timestamp"):
        formats = ", ".join(quote_literal(d + t) for d in DATE_FORMATS for t in TIME_SUFFIXES)
        cast = "date" if column.type == "date" else "timestamp"
        return f"try_strptime({raw}, [{formats}])::{cast}"
    if column.type == "money":
        return f"parse_amount({raw})"
    if column.type == "number":
        return f"try_cast(replace({raw}, ',', '') as double)"
    if column.type == "integer":
        return f"try_cast(try_cast(replace({raw}, ',', '') as double) as integer)"
    if column.type == "boolean":
        return f"parse_boolean({raw})"
    if column.type == "choice":
        spellings = {**{v.lower(): v for v in column.choices.values()}, **column.choices}
        cases = " ".join(f"when {quote_literal(k.lower())} then {quote_literal(v)}" for k, v in spellings.items())
        return f"(case lower({raw}) {cases} end)"
    raise ValueError(f"unknown column type {column.type}")


def column_checks(column: Column, raw: str, typed: str, header: str) -> list[str]:
    """SQL expressions giving a reason when the column's value breaks the contract, else null."""
    label = quote_literal(header)
    shown = f"left({raw}, 60)"
    reasons = []
    if column.required:
        reasons.append(f"case when {raw} is null then {label} || ' is missing' end")
    if column.type != "text":
        expected = TYPE_DESCRIPTIONS[column.type]
        if column.type == "choice":
            expected = "one of: " + ", ".join(sorted(set(column.choices.values())))
        reasons.append(
            f"case when {raw} is not null and {typed} is null then "
            f"{label} || ' ''' || {shown} || ''' is not ' || {quote_literal(expected)} end"
        )
    if column.minimum is not None:
        reasons.append(
            f"case when {typed} < {column.minimum} then {label} || ' ' || {shown} || ' is below {column.minimum:g}' end"
        )
    if column.maximum is not None:
        reasons.append(
            f"case when {typed} > {column.maximum} then {label} || ' ' || {shown} || ' is above {column.maximum:g}' end"
        )
    return reasons


def _label_tables(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]) -> dict[str, str]:
    """For each label column, its distinct values (there are few), cleaned and resolved once.

    Returns contract column name -> table of (raw, label, id): `raw` as read, `label` cleaned, `id` the
    department, service or supplier it stands for. Rows join these on their value as read.
    """
    tables = {}
    for column in spec.columns:
        if column not in mapping or not (column.reference or (spec.name == "spend" and column.name == "expense_type")):
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
            from (select raw, clean(raw) as label from (select distinct {quote_ident(mapping[column])} as raw from src)
                  where raw is not null) v
            {resolve}
        """)
        tables[column.name] = table
    return tables


LABEL_TABLES = (
    "labels_department",
    "labels_service",
    "labels_supplier",
    "labels_expense",
    "department_lookup",
    "service_lookup",
    "expense_lookup",
)
