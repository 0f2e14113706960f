"""Reading amounts and numbers exactly: the decimal separator found from the values, nothing rounded.

A column's decimal separator (a point, or a comma as much of Europe writes it) is told by the values that can
be read only one way: `1,234.56`, `12.5` or `1,234,567` say point; `1.234,56`, `12,5` or `1.234.567` say
comma. The column's own values decide, else those of the file's other number columns; `1,234` or `1.234`
alone could be either, and where nothing in the file says which, such a value is quarantined rather than
guessed. Thousands may also be grouped with spaces (`1 234,56`) or apostrophes (`1'234.56`), in groups of
three; `£1,2,3` is no amount.

Amounts may carry £ or GBP before or after, and be credits written `-12.00`, `£-12.00`, `(12.00)`, `12.00-`
or `12.00 CR` (`DR` is a debit). Another currency (`€`, `USD`), scientific notation (`1.2E+05`, which Excel
writes when it has rounded a number) and more decimal places than the stored column keeps (`0.0049` of a
pound, `2.7` reassignments) are quarantined with their reason, as is a value beyond the stored column's size.
"""

from dataclasses import dataclass
from decimal import Decimal

from bsdash.ingest.sql import quote_literal

POINT, COMMA = ".", ","
# Thousands separators either convention may use besides the other's mark: space, no-break space, narrow
# no-break space, apostrophe and right single quote (Swiss).
NEUTRAL_GROUPS = (" ", "\u00a0", "\u202f", "'", "\u2019")
_SIGN = "[-+\u2212]"  # U+2212 is the minus sign proper
_CURRENCY = "(?:£|GBP)"
_SPACE = r"[\s\x{00a0}\x{202f}]*"  # spaces, no-break spaces included (a value copied from a web page)
# Any sign of another currency: no amount in it is pounds.
FOREIGN = r"(?i)(€|\$|¥|₹|\b(EUR|USD|CHF|JPY|AUD|CAD|SEK|NOK|DKK|PLN|INR|CNY)\b)"
SCIENTIFIC = r"[0-9][eE][-+]?[0-9]"
# Values read in this many first rows decide a column's separator; only a column they leave undecided is
# looked at whole (a value read the other way later cannot fit, and is quarantined, never misread).
EVIDENCE_ROWS = 10_000


@dataclass(frozen=True)
class Storage:
    """What the stored column holds: decimal places kept and the largest magnitude (exclusive)."""

    sql_type: str  # the type typed values are cast to
    scale: int | None  # None: a floating number, any decimals
    limit: Decimal | None  # values must be below this in magnitude

    @property
    def largest(self) -> str:
        assert self.limit is not None and self.scale is not None
        step = Decimal(1).scaleb(-self.scale)
        return f"{self.limit - step:,.{self.scale}f}"


def storage_of(data_type: str, precision: int | None, scale: int | None) -> Storage:
    """The storage of a table column as DuckDB describes it (`DECIMAL(14,2)`, `INTEGER`, `DOUBLE` ...)."""
    if data_type.startswith("DECIMAL") and precision is not None and scale is not None:
        return Storage(f"decimal({precision}, {scale})", scale, Decimal(10) ** (precision - scale))
    integers = {"TINYINT": 7, "SMALLINT": 15, "INTEGER": 31, "BIGINT": 63, "HUGEINT": 127}
    if data_type in integers:
        return Storage(data_type.lower(), 0, Decimal(2) ** integers[data_type])
    return Storage("double", None, None)


def number_pattern(decimal: str) -> str:
    """RE2 for the digits of a number written with `decimal` as its decimal separator, grouped or not."""
    other = COMMA if decimal == POINT else POINT
    grouped = "|".join(f"[1-9][0-9]{{0,2}}(?:[{g}][0-9]{{3}})+" for g in (other, *NEUTRAL_GROUPS))
    return f"(?:(?:{grouped}|[0-9]+)(?:[{decimal}][0-9]*)?|[{decimal}][0-9]+)"


def shape_pattern(decimal: str, *, money: bool) -> str:
    """RE2 for a whole value: a number, signed once, and for money with £ or GBP and a credit's marks."""
    n, s = number_pattern(decimal), _SPACE
    if not money:
        return f"{s}{_SIGN}?{s}{n}{s}"
    core = f"(?:{_CURRENCY}{s})?{n}(?:{s}{_CURRENCY})?"
    shapes = (
        f"{_SIGN}?{s}{core}",  # -12.00, -£12.00, £12.00 GBP
        f"{_CURRENCY}{s}{_SIGN}{s}{n}",  # £-12.00
        f"{core}{s}(?:-|CR|DR)",  # 12.00-, 12.00 CR, 12.00 DR
        f"(?:{_CURRENCY}{s})?\\({s}{core}{s}\\)",  # (12.00), £(12.00), (£12.00)
    )
    return f"(?i){s}(?:{'|'.join(shapes)}){s}"


def canonical_sql(x: str, decimal: str, *, money: bool) -> str:
    """SQL writing a value that has the shape of `decimal` as plain `-1234.56` text."""
    other = COMMA if decimal == POINT else POINT
    groups = quote_literal("[" + other + "".join(NEUTRAL_GROUPS) + "]")
    digits = f"regexp_replace(regexp_extract({x}, {quote_literal(number_pattern(decimal))}, 0), {groups}, '', 'g')"
    if decimal == COMMA:
        digits = f"replace({digits}, ',', '.')"
    negative = r"(?i)[-\x{2212}(]|CR[\s\x{00a0}]*$" if money else r"^[-\x{2212}]"
    return f"(case when regexp_matches({x}, {quote_literal(negative)}) then '-' else '' end || {digits})"


@dataclass(frozen=True)
class NumberReading:
    """How one number or money column of a file is read."""

    money: bool
    storage: Storage
    decimal: str | None  # "." or ","; None when nothing in the file says which

    def typed(self, x: str) -> str:
        """SQL giving the exact value of the cleaned text `x`, or null when it does not fit."""
        fast = self._fast(x)
        if self.decimal is not None:
            return f"(case {fast} else {self._exact(x, self.decimal)} end)"
        readings = f"coalesce({self._exact(x, POINT)}, {self._exact(x, COMMA)})"
        return f"(case {fast} when {self._ambiguous(x)} then null else {readings} end)"

    def problem(self, x: str) -> str:
        """SQL saying why `x` gives no value (null when it is simply not a number, said by the caller)."""
        checks = []
        if self.money:
            checks.append(f"when regexp_matches({x}, {quote_literal(FOREIGN)}) then 'is not in pounds'")
        checks.append(
            f"when regexp_matches({x}, {quote_literal(SCIENTIFIC)}) then "
            "'is in scientific notation, which may have lost digits: export the column as plain numbers'"
        )
        if self.decimal is None:
            checks.append(f"when {self._ambiguous(x)} then {self._which(x)}")
        for decimal in (POINT, COMMA) if self.decimal is None else (self.decimal,):
            unfit = self._unfit(canonical_sql(x, decimal, money=self.money))
            checks.append(f"when {self._shaped(x, decimal)} then {unfit}")
        if self.decimal is not None:
            other = COMMA if self.decimal == POINT else POINT
            said = {POINT: "a decimal point", COMMA: "a decimal comma"}
            checks.append(
                f"when {self._shaped(x, other)} then "
                f"'is written with {said[other]}, unlike the column''s other values ({said[self.decimal]})'"
            )
        return f"(case {' '.join(checks)} end)"

    def _fast(self, x: str) -> str:
        """The usual plain value (`1234.56`, `-12`, or `1234,56` with a decimal comma), cast at once."""
        scale, limit = self.storage.scale, self.storage.limit
        whole = f"[0-9]{{1,{len(str(int(limit))) - 1}}}" if limit is not None else "[0-9]{1,15}"
        mark = self.decimal or ""  # undecided: whole numbers only
        digits = "" if scale == 0 or not mark else f"[{mark}][0-9]{{1,{scale}}}" if scale else f"[{mark}][0-9]+"
        plain = quote_literal(f"-?{whole}(?:{digits})?" if digits else f"-?{whole}")
        value = f"replace({x}, ',', '.')" if mark == COMMA and digits else x
        return f"when regexp_full_match({x}, {plain}) then {value}::{self.storage.sql_type}"

    def _shaped(self, x: str, decimal: str) -> str:
        return f"regexp_full_match({x}, {quote_literal(shape_pattern(decimal, money=self.money))})"

    def _ambiguous(self, x: str) -> str:
        """Readable both ways, and differently: a lone separator before three digits (`1,234`, `1.234`)."""
        return f"({self._shaped(x, POINT)} and {self._shaped(x, COMMA)} and regexp_matches({x}, '[.,]'))"

    def _which(self, x: str) -> str:
        point = canonical_sql(x, POINT, money=self.money)
        comma = canonical_sql(x, COMMA, money=self.money)
        return (
            f"'could be ' || {point} || ' or ' || {comma} || ': nothing in the file shows whether its decimal "
            'separator is a point or a comma (a mapping file can say: decimal = "." or ",")\''
        )

    def _exact(self, x: str, decimal: str) -> str:
        """The value read with `decimal`, when it has that shape and the stored column keeps it exactly."""
        c = canonical_sql(x, decimal, money=self.money)
        return f"(case when {self._shaped(x, decimal)} and {self._fits(c)} then {c}::{self.storage.sql_type} end)"

    def _fits(self, c: str) -> str:
        """SQL: the plain text `c` has no more decimals than kept (trailing zeros aside) and is below the limit."""
        scale, limit = self.storage.scale, self.storage.limit
        if scale is None:
            return f"try_cast({c} as double) is not null"
        decimals = "" if scale == 0 else f"[0-9]{{0,{scale}}}"
        whole = len(str(int(limit))) if limit is not None else 30  # the bound below is the exact test
        pattern = quote_literal(f"-?0*[0-9]{{0,{whole}}}(?:[.]{decimals}0*)?")
        # try_cast: DuckDB need not stop at the first false of an `and`, and a long number overflows decimal(38).
        bound = f" and abs(try_cast({c} as decimal(38, {scale}))) < {limit}" if limit is not None else ""
        return f"(regexp_full_match({c}, {pattern}){bound})"

    def _unfit(self, c: str) -> str:
        """Why a well-written value does not fit the stored column: its decimals, or its size."""
        scale = self.storage.scale
        if scale is None:
            return "null"
        if self.money:
            decimals = "'has more decimal places than pence'"
        elif scale == 0:
            decimals = "'is not a whole number'"
        else:
            decimals = f"'has more than {scale} decimal place{'s' if scale > 1 else ''}'"
        kept = "" if scale == 0 else f"[0-9]{{0,{scale}}}"
        exact = quote_literal(f"-?[0-9]*(?:[.]{kept}0*)?")
        too_large = quote_literal(f"is too large (the largest is {self.storage.largest})")
        return f"case when not regexp_full_match({c}, {exact}) then {decimals} else {too_large} end"


def evidence_sql(x: str, *, money: bool) -> tuple[str, str]:
    """SQL aggregates counting the values of `x` only a decimal point, or only a decimal comma, can read."""
    point = f"regexp_full_match({x}, {quote_literal(shape_pattern(POINT, money=money))})"
    comma = f"regexp_full_match({x}, {quote_literal(shape_pattern(COMMA, money=money))})"
    return (
        f"count(*) filter (where {point} and not {comma})",
        f"count(*) filter (where {comma} and not {point})",
    )


def decide(point: int, comma: int) -> str | None:
    """The separator most values only one way of reading can read; None when they say nothing (or tie)."""
    if point > comma:
        return POINT
    if comma > point:
        return COMMA
    return None
