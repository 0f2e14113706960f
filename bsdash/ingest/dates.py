"""Reading a date column: each distinct value read once, by rules its whole column sets.

Dates are day first (05/03/2024 is the 5th of March), in any of the usual spellings, with or without a time.
What a single value cannot say, its column does:

- **Two-digit years** (`05/03/24`) are read as 20yy only where every date of the column is written so; in a
  column of four-digit years such a value is quarantined, never read as the year 24.
- **Excel day numbers** (`45383`, what a date column shows when Excel has lost its format) are read as dates
  only where the whole column holds them; elsewhere a number is no date.
- **Month-first dates**: a column holding values that can only be month first (`03/25/2024`) and none that
  can only be day first is no UK column; its values that read both ways are quarantined as ambiguous.
- **Times with a zone** (`2024-06-03T23:30:00Z`, `+01:00`, `UTC`, `BST`) are read as UK time, so that the
  date is the one a Kent officer would give.

Every date must fall within the plausible years (`bsdash.config.plausible_years`, 2000 to 2100 unless
`BSDASH_YEARS` says otherwise): 01/01/1900, 0001 and 31/12/9999 are quarantined with their reason.

The values are few next to the rows (a million payments fall on a few hundred days), so each is read once into
a table of (raw, v, value, problem) that the rows join on their text as read.
"""

from dataclasses import dataclass

import duckdb

from bsdash.ingest.sql import date_formats, quote_literal

_MONTH = "(?:[0-9]{1,2}|[A-Za-z]{3,9})"
_SEPARATOR = "[/.\\- ]"
_REST = "(?:[ T].*)?"
DAY_MONTH = f"[0-9]{{1,2}}{_SEPARATOR}{_MONTH}{_SEPARATOR}"
TWO_DIGIT_YEAR = f"({DAY_MONTH})([0-9]{{2}})({_REST})"
FOUR_DIGIT_YEAR = f"{DAY_MONTH}[0-9]{{4}}{_REST}|[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}{_REST}"
DAY_NUMBER = "[0-9]{5}(?:[.][0-9]+)?"
NUMERIC_DAY_MONTH = "^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{2,4}"
# A time followed by a zone: Z, +01:00, +0100, UTC, GMT or BST.
ZONED = "(.*[0-9]:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]+)?)?) ?(Z|[+-][0-9]{2}:?[0-9]{2}|UTC|GMT|BST)"
ZONE_OFFSETS = {"Z": "+00:00", "UTC": "+00:00", "GMT": "+00:00", "BST": "+01:00"}
# An Excel day number counts from 30/12/1899.
EXCEL_EPOCH = "1899-12-30"


@dataclass(frozen=True)
class DateRules:
    """What a date column's values, taken together, say about reading each of them."""

    first_format: str | None  # the format that reads most of its first values, tried first
    two_digit_years: bool  # every date of the column has a two-digit year
    day_numbers: bool  # every value of the column is an Excel day number
    month_first: bool  # some values can only be month first, none only day first
    years: tuple[int, int]

    def notes(self, header: str) -> list[str]:
        notes = []
        if self.two_digit_years:
            notes.append(f"{header}: every date has a two-digit year, read as 20yy (05/03/24 is 05/03/2024)")
        if self.day_numbers:
            notes.append(f"{header}: every value is an Excel day number, read as a date (45383 is 01/04/2024)")
        if self.month_first:
            notes.append(
                f"{header}: some dates can only be month first (like 03/25/2024) and none only day first; dates "
                "that read both ways are quarantined as ambiguous"
            )
        return notes


def create_date_table(con: duckdb.DuckDBPyConnection, table: str, values_sql: str) -> None:
    """`table` (raw, v): the distinct values `values_sql` selects as `raw`, and each cleaned."""
    con.execute(
        f"create or replace temp table {table} as "
        f"select raw, clean(raw) as v from (select distinct raw from ({values_sql})) where raw is not null"
    )


def date_rules(con: duckdb.DuckDBPyConnection, table: str, years: tuple[int, int]) -> DateRules:
    """The rules a date table's values set for themselves."""
    two, four, numbers, day_only, month_only = con.execute(
        f"""
        select count(*) filter (where regexp_full_match(v, $two)),
               count(*) filter (where regexp_full_match(v, $four)),
               count(*) filter (where regexp_full_match(v, $number)),
               count(*) filter (where d > 12 and m <= 12),
               count(*) filter (where m > 12 and d <= 12)
        from (select v, try_cast(regexp_extract(v, $numeric, 1) as integer) as d,
                        try_cast(regexp_extract(v, $numeric, 2) as integer) as m
              from {table})
        """,
        {"two": TWO_DIGIT_YEAR, "four": FOUR_DIGIT_YEAR, "number": DAY_NUMBER, "numeric": NUMERIC_DAY_MONTH},
    ).fetchall()[0]
    return DateRules(
        first_format=_first_format(con, table),
        two_digit_years=two > 0 and four == 0,
        day_numbers=numbers > 0 and two == 0 and four == 0,
        month_first=month_only > 0 and day_only == 0,
        years=years,
    )


def _first_format(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """The format reading the most of thirty of the column's values (a format that fails costs as much as twenty
    that succeed, so the column's own goes first)."""
    formats = date_formats()
    readable = ", ".join(f"count(try_strptime(v, {quote_literal(f)}))" for f in formats)
    counts = con.execute(f"select {readable} from (select v from {table} limit 30)").fetchall()[0]
    best = max(range(len(formats)), key=lambda i: counts[i])  # the first of equals
    return formats[best] if counts[best] else None


def read_dates(con: duckdb.DuckDBPyConnection, table: str, rules: DateRules, expected: str) -> None:
    """Add to the date table each value's `value` (a timestamp, null when it is no usable date) and `problem`
    (why not, in words)."""
    formats = "[" + ", ".join(quote_literal(f) for f in date_formats(rules.first_format)) + "]"
    zoned_formats = "[" + ", ".join(quote_literal(f) for f in _zoned_formats()) + "]"
    offset = " ".join(f"when {quote_literal(z)} then {quote_literal(o)}" for z, o in ZONE_OFFSETS.items())
    zone = f"regexp_extract(v, {quote_literal('^' + ZONED + '$')}, 2)"
    first, last = rules.years
    written_out = f"regexp_replace(v, {quote_literal('^' + TWO_DIGIT_YEAR + '$')}, '\\120\\2\\3')"
    parsed = f"""
        case
            when regexp_full_match(v, {quote_literal(TWO_DIGIT_YEAR)}) then
                case when {rules.two_digit_years}
                     then try_strptime({written_out}, {formats}) end
            when regexp_full_match(v, {quote_literal(DAY_NUMBER)}) then
                case when {rules.day_numbers} and v::double < 2958466  -- 31/12/9999
                     then timestamp '{EXCEL_EPOCH}' + to_microseconds((v::double * 86400e6)::bigint) end
            when {rules.month_first} and {_both_ways("v")} then null
            when regexp_full_match(v, {quote_literal(ZONED)}) then
                timezone('Europe/London', try_strptime(
                    regexp_extract(v, {quote_literal("^" + ZONED + "$")}, 1)
                        || coalesce(case {zone} {offset} end, {zone}), {zoned_formats}))
            else try_strptime(v, {formats})
        end"""
    shown = expected.replace("'", "''")
    con.execute(f"""
        create or replace temp table {table} as
        select raw, v,
            case when year(parsed) between {first} and {last} then parsed end as value,
            case
                when parsed is not null and year(parsed) not between {first} and {last}
                    then 'is outside the years {first} to {last}'
                when parsed is not null then null
                when regexp_full_match(v, {quote_literal(TWO_DIGIT_YEAR)})
                    then 'has a two-digit year, unlike the column''s other dates'
                when {rules.month_first} and {_both_ways("v")}
                    then 'could be day or month first: the column has dates that can only be month first'
                else 'is not {shown}'
            end as problem
        from (select raw, v, ({parsed})::timestamp as parsed from {table})
    """)


def _both_ways(v: str) -> str:
    """SQL: a numeric date whose day and month are both 12 or less, and differ."""
    day = f"try_cast(regexp_extract({v}, {quote_literal(NUMERIC_DAY_MONTH)}, 1) as integer)"
    month = f"try_cast(regexp_extract({v}, {quote_literal(NUMERIC_DAY_MONTH)}, 2) as integer)"
    return f"({day} <= 12 and {month} <= 12 and {day} <> {month})"


def _zoned_formats() -> list[str]:
    """Every date-and-time format, with its zone's offset after it."""
    return [f + "%z" for f in date_formats() if "%H" in f and "%p" not in f]
