"""Typing and checking an export's rows in SQL: from the all-text table `src` to `typed`.

`typed` holds, for each row read, its raw text (`raw_<column>`), its typed values under the contract's column
names, the ids its labels resolve to, and `_reason`: why the row breaks the contract, or null when it does not.
Everything is one statement over `src`, so DuckDB streams the rows through it without storing the steps.
"""

import duckdb

from bsdash.layouts import TYPE_DESCRIPTIONS, Column, Kind

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")
TIME_SUFFIXES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f")
MISSING = ("", "?", "N/A", "NA", "NULL", "#N/A")

MACROS = r"""
create or replace temp macro clean(x) as
    case when length(trim(x)) <= 4 and upper(trim(x)) in ('', '?', 'N/A', 'NA', 'NULL', '#N/A') then null
         else trim(x) end;
create or replace temp macro label_key(x) as lower(regexp_replace(trim(x), '\s+', ' ', 'g'));
create or replace temp macro name_key(x) as
    nullif(trim(regexp_replace(upper(x), '[^A-Z0-9&]+', ' ', 'g')), '');
create or replace temp macro supplier_key(x) as
    case when name_key(x) like 'REDACTED%' then 'REDACTED PERSONAL DATA' else name_key(x) end;
create or replace temp macro supplier_id(k) as 'SUP-' || upper(left(md5(k), 8));
create or replace temp macro parse_amount(x) as coalesce(
    try_cast(x as decimal(18, 2)),
    case
        when regexp_full_match(x, '\(\s*-?£?\s*[0-9][0-9,]*(\.[0-9]+)?\s*\)')
            then -try_cast(regexp_replace(x, '[()£,\s]', '', 'g') as decimal(18, 2))
        when regexp_full_match(x, '[-+]?\s*£?\s*[-+]?[0-9][0-9,]*(\.[0-9]+)?|[-+]?£?\.[0-9]+')
            then try_cast(regexp_replace(x, '[£,\s]', '', 'g') as decimal(18, 2))
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


def stage(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]) -> None:
    """Build `typed` from `src` for one kind of export, given which source column holds each contract column."""
    raw_selects, typed_selects, reasons = ["_row"], ["raw.*"], []
    for column in spec.columns:
        raw = f"raw_{column.name}"
        source = f"clean({quote_ident(mapping[column])})" if column in mapping else "null::varchar"
        raw_selects.append(f"{source} as {raw}")
        typed = raw
        if column.reference is None:
            typed = typed_expression(column, raw)
            typed_selects.append(f"{typed} as {column.name}")
        reasons += column_checks(column, raw, typed, mapping.get(column, column.header))
    joins = _label_tables(con, spec, mapping)
    typed_selects += [select for select, _ in joins if select]

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
                from (select {", ".join(raw_selects)} from src) raw
                {" ".join(join for _, join in joins)}
            )
        ) typed
    """)


def typed_expression(column: Column, raw: str) -> str:
    """SQL turning the column's cleaned text into its contract type (null when it cannot)."""
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


def _label_tables(
    con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]
) -> list[tuple[str | None, str]]:
    """Resolve each distinct label of the file once (there are few), and join the rows to the answers."""
    joins = []
    for column in spec.columns:
        if column.reference is None:
            continue
        source = f"clean({quote_ident(mapping[column])})" if column in mapping else "null::varchar"
        table = f"labels_{column.reference}"
        if column.reference == "supplier":
            con.execute(f"""
                create or replace temp table {table} as
                select label, supplier_id(supplier_key(label)) as id
                from (select distinct {source} as label from src) where label is not null
            """)
        else:
            con.execute(f"""
                create or replace temp table {table} as
                select l.label, k.id
                from (select distinct {source} as label from src) l
                join {column.reference}_lookup k on k.label = label_key(l.label)
            """)
        joins.append(
            (f"{table}.id as {column.reference}_id", f"left join {table} on {table}.label = raw.raw_{column.reference}")
        )
    if spec.name == "spend":
        # A spend export may name the service, or leave it to be read from the expense type.
        expense = spec.column("expense_type")
        source = f"clean({quote_ident(mapping[expense])})"
        con.execute(f"""
            create or replace temp table labels_expense as
            select l.label, k.id from (select distinct {source} as label from src) l
            join expense_lookup k on k.label = label_key(l.label)
        """)
        joins = [
            (s.replace("labels_service.id as", "coalesce(labels_service.id, labels_expense.id) as"), j)
            for s, j in joins
        ]
        joins.append((None, "left join labels_expense on labels_expense.label = raw.raw_expense_type"))
    return joins


LABEL_TABLES = (
    "labels_department",
    "labels_service",
    "labels_supplier",
    "labels_expense",
    "department_lookup",
    "service_lookup",
    "expense_lookup",
)
