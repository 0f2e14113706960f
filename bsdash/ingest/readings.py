"""How each dated or numbered column of a file is read, decided from its values and the stored column's size.

For stage 4 (over every row of `src`) and the preview (over its sample), one answer per column: the SQL giving
its typed value (null when the value does not fit the column exactly), the SQL saying why not, and the notes the
report adds. Dates are read once per distinct value, through a table the rows join (bsdash.ingest.dates);
amounts and numbers row by row with the separator their column, or failing that their file, shows
(bsdash.ingest.numbers).
"""

from dataclasses import dataclass, field

import duckdb

from bsdash.config import plausible_years
from bsdash.ingest.dates import create_date_table, date_rules, read_dates
from bsdash.ingest.errors import ExportError
from bsdash.ingest.kinds import Column
from bsdash.ingest.numbers import EVIDENCE_ROWS, NumberReading, Storage, decide, evidence_sql
from bsdash.ingest.sql import expected, quote_ident
from bsdash.ingest.trip import Matching

DATE_TABLE_PREFIX = "dates_"


@dataclass(frozen=True)
class Reading:
    """How one of our columns is typed from its cleaned text `raw_<name>`."""

    typed: str  # SQL: the typed value, null when the text does not fit the column exactly
    problem: str  # SQL: why a value gives no typed value (null: it is not what the column holds)
    raw: str | None = None  # SQL for the cleaned text, when a table of distinct values gives it
    joins: tuple[str, ...] = ()
    carried: tuple[tuple[str, str], ...] = ()  # (name, SQL) selected beside the text, dropped once checked
    notes: tuple[str, ...] = field(default=())
    number: NumberReading | None = None  # for a number column: how any text would be read as its values are


def years_for(file_name: str) -> tuple[int, int]:
    """The plausible years, or the file refused with what is wrong in their setting."""
    try:
        return plausible_years()
    except ValueError as error:
        raise ExportError(f"{file_name}: not imported: {error}.") from error


def column_readings(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    matching: Matching,
    storage: dict[str, Storage],
    years: tuple[int, int],
    decimal: str | None = None,
) -> dict[str, Reading]:
    """Our column's name -> how it is read, for the file's date, timestamp, money, number and integer columns.

    `relation` holds the file's rows as text, one column per header (`src`, or the preview's sample); `decimal`
    is the separator a mapping file states, which the values then need not show."""
    readings = {}
    numbered = [m for m in matching.matches if m.column.type in ("money", "number", "integer")]
    separators = {m.column.name: decimal for m in numbered} if decimal else _separators(con, relation, numbered)
    for match in matching.matches:
        column, source = match.column, match.source
        if column.type in ("date", "timestamp"):
            readings[column.name] = _date_reading(con, relation, column, source, years)
        elif match in numbered:
            money = column.type == "money"
            number = NumberReading(money, storage[column.name], separators[column.name])
            raw = f"raw_{column.name}"
            said = {".": "a decimal point", ",": "a decimal comma"}
            notes = ()
            if number.decimal == ",":
                why = "as the mapping file says" if decimal else "as its values show"
                notes = (f"{source}: read with {said[',']} (1.234,56 is 1234.56), {why}",)
            readings[column.name] = Reading(number.typed(raw), number.problem(raw), notes=notes, number=number)
    return readings


def _date_reading(
    con: duckdb.DuckDBPyConnection, relation: str, column: Column, source: str, years: tuple[int, int]
) -> Reading:
    table = DATE_TABLE_PREFIX + column.name
    create_date_table(con, table, f"select {quote_ident(source)} as raw from {relation}")
    rules = date_rules(con, table, years)
    read_dates(con, table, rules, expected(column))
    cast = "date" if column.type == "date" else "timestamp"
    return Reading(
        typed=f"_date_{column.name}::{cast}",
        problem=f"_why_{column.name}",
        raw=f"{table}.v",
        joins=(f"left join {table} on {table}.raw = {relation}.{quote_ident(source)}",),
        carried=((f"_date_{column.name}", f"{table}.value"), (f"_why_{column.name}", f"{table}.problem")),
        notes=tuple(rules.notes(source)),
    )


def _separators(con: duckdb.DuckDBPyConnection, relation: str, numbered: list) -> dict[str, str | None]:
    """Each number column's decimal separator: what its own values show (its first rows, else all of them),
    else what the file's other number columns show, else None."""
    if not numbered:
        return {}
    evidence = _evidence(con, f"(select * from {relation} limit {EVIDENCE_ROWS})", numbered)
    undecided = [m for m in numbered if decide(*evidence[m.column.name]) is None]
    if undecided:
        evidence.update(_evidence(con, relation, undecided))
    file_wide = decide(sum(p for p, _ in evidence.values()), sum(c for _, c in evidence.values()))
    return {m.column.name: decide(*evidence[m.column.name]) or file_wide for m in numbered}


def _evidence(con: duckdb.DuckDBPyConnection, relation: str, numbered: list) -> dict[str, tuple[int, int]]:
    """Per column: how many values only a decimal point reads, and how many only a decimal comma reads."""
    counts = []
    for m in numbered:
        counts += evidence_sql(f"clean({quote_ident(m.source)})", money=m.column.type == "money")
    row = con.execute(f"select {', '.join(counts)} from {relation}").fetchall()[0]
    return {m.column.name: (row[2 * i], row[2 * i + 1]) for i, m in enumerate(numbered)}
