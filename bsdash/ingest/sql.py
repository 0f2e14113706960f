"""The SQL the stages share: quoting, the cleaning and parsing macros, typing a column, a kind's row checks and
derived columns.

Values never reach SQL text: only table and column names, quoted, and literals of our own declarations.
"""

import duckdb

from bsdash.ingest.kinds.model import TYPE_DESCRIPTIONS, Column, Kind

# Day first, always: a UK export writes 05/03/2024 for the 5th of March. Single-digit days and months
# (5/3/2024) read with the same formats. Each column's own format is found from its values first (stage 4
# puts it at the head of the list: a format that fails costs as much as twenty that succeed). Years have four
# digits here: a two-digit year is written out by its column's rule first (bsdash.ingest.dates).
DATE_FORMATS = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%d/%b/%Y",  # Jira: 01/Apr/24 9:05 AM
)
# A time zone is read apart (bsdash.ingest.dates), so that its offset is applied, not dropped.
TIME_SUFFIXES = (
    "",
    " %H:%M",
    " %H:%M:%S",
    " %H:%M:%S.%f",
    "T%H:%M:%S",
    "T%H:%M",
    "T%H:%M:%S.%f",
    " %I:%M %p",
    " %I:%M:%S %p",
)
# A totals line: a cell that is only "Total", "Totals", "Grand total:" ..., or one that starts so on a row
# with no key; `TOTALS_LABEL` also takes a report's own wording ("Report Total", "Total for period").
TOTALS_WORD = r"(grand |sub[- ]?|report |file |overall )?totals?:?"
TOTALS_CELL = r"(grand |sub[- ]?|report |file |overall )?totals?\b.*"

MACROS = r"""
-- A regular expression rather than `in (...)`, which DuckDB plans as a join over every row of every column.
create or replace temp macro clean(x) as
    case when length(x) <= 12 and regexp_full_match(x, '\s*(|\?|n/a|na|null|#n/a|-)\s*', 'i') then null
         else trim(x) end;
-- How labels compare: case, spacing and punctuation set aside ("Leisure, Parks" = "Leisure  Parks").
create or replace temp macro label_key(x) as
    nullif(trim(regexp_replace(lower(x), '[^\p{L}\p{N}&]+', ' ', 'g')), '');
create or replace temp macro name_key(x) as
    nullif(trim(regexp_replace(upper(x), '[^A-Z0-9&]+', ' ', 'g')), '');
create or replace temp macro supplier_key(x) as
    case when name_key(x) like 'REDACTED%' then 'REDACTED PERSONAL DATA' else name_key(x) end;
create or replace temp macro supplier_id(k) as 'SUP-' || upper(left(md5(k), 8));
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


def date_formats(first: str | None = None) -> list[str]:
    """Every date and time format read, `first` (a column's own, found from its values) at the head."""
    formats = [d + t for d in DATE_FORMATS for t in TIME_SUFFIXES]
    return [first, *(f for f in formats if f != first)] if first else formats


def typed_expression(column: Column, raw: str) -> str:
    """SQL turning a text or yes/no column's cleaned text into its contract type (null when it cannot).

    Dates and numbers are read by rules their whole column sets (bsdash.ingest.readings); choice columns are
    placed in Python, once per distinct value (see bsdash.ingest.values.place), and join their placements.
    """
    if column.type == "text":
        return raw
    if column.type == "boolean":
        return f"parse_boolean({raw})"
    raise ValueError(f"column type {column.type} is not typed by one expression")


def expected(column: Column) -> str:
    """What a column's values must be, in words."""
    if column.type == "choice":
        return "one of: " + ", ".join(sorted(set(column.choices.values())))
    return TYPE_DESCRIPTIONS.get(column.type, "")


def column_checks(
    column: Column, raw: str, typed: str, header: str, *, required: bool, problem: str | None = None
) -> list[str]:
    """SQL expressions giving a reason when the column's value breaks the contract, else null. `problem` is SQL
    saying why a value gives no typed value (null: it is not what the column holds)."""
    label = quote_literal(header)
    shown = f"left({raw}, 60)"
    reasons = []
    if required:
        reasons.append(f"case when {raw} is null then {label} || ' is missing' end")
    if column.type != "text" and not (column.type == "choice" and column.placed_later):
        why = f"'is not ' || {quote_literal(expected(column))}"
        if problem:
            why = f"coalesce({problem}, {why})"
        reasons.append(
            f"case when {raw} is not null and {typed} is null then {label} || ' ''' || {shown} || ''' ' || {why} end"
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


def row_checks(kind: Kind) -> list[str]:
    """The kind's rules over a typed row, each an SQL expression giving its reason or null."""
    return [f"case when {check.failing} then {quote_literal(check.reason)} end" for check in kind.checks]


def with_derived(kind: Kind, relation: str) -> str:
    """SQL selecting `relation` (aliased `typed`) with the kind's derived columns computed in turn, each seeing
    the ones before it (a state refined by its sub-state is the state the SLA reads)."""
    names = {c.name for c in kind.columns}
    sql = relation
    for name, expression in kind.derived.items():
        shape = f"replace ({expression} as {name})" if name in names else f", {expression} as {name}"
        sql = f"(select typed.* {shape} from {sql} as typed)"
    return f"select * from {sql} as typed"


def content_key(fields: list[str]) -> str:
    """SQL for a key made from a row's content (`fields`, SQL over its typed values) and its occurrence among
    identical rows of the file: stable when the file is read again, and the same for a row repeated in the next
    export."""
    content = "md5(" + " || '|' || ".join(f"coalesce({f}::varchar, '~')" for f in fields) + ")"
    return f"'content:' || left({content}, 16) || ':' || row_number() over (partition by {content} order by _row)"
