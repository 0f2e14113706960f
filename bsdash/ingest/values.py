"""Knowing a column by its values: what a sample of a column's values looks like, and how well it fits ours.

Stage 3 (matching columns) profiles each column of the file once, over the rows found below its header in the
first part of the file, then asks of each of our columns how well those values fit it: dates, amounts of
money, words of a vocabulary (capital or revenue, ticket states, priorities, impact), ticket-number shapes,
e-mail addresses. The fit comes with its evidence in words, for the preview and the report:
"3,913 values, all Capital or Revenue".

Placing a value in a vocabulary (`place`) is also how the import types a choice column, so that what the
preview shows is what the import does.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from bsdash.ingest.kinds.model import Column

MISSING = ("", "?", "n/a", "na", "null", "#n/a", "-")
# Fewer values than this say nothing about a column.
MIN_VALUES = 3

_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_TIME = r"([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AP]M|Z)?)?"
_DATE = re.compile(
    r"(\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[ /-]"
    + _MONTHS
    + r"[ /-](\d{4}|\d{2}))"
    + _TIME,
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[-+]?\s*(£|GBP)?\s*[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d{1,2})?\s*(CR|DR|-)?|\(\s*£?\s*[\d,]+(\.\d{1,2})?\s*\)"
)
_INTEGER = re.compile(r"[-+]?\d+")
_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?")
_TICKET = re.compile(r"#?[A-Z]{2,10}[-_ ]?\d{2,}", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PERSON = re.compile(r"[A-Z][a-z'’-]+( [A-Z][a-z'’-]+){1,2}")


def normal(text: str) -> str:
    """A value as its words: case, spacing and punctuation set aside (`In-Progress` -> 'in progress')."""
    return " ".join(re.sub(r"[^a-z0-9%&£]+", " ", text.lower()).split())


def is_missing(value: str | None) -> bool:
    return value is None or value.strip().lower() in MISSING


def _spellings(key: str) -> tuple[str, ...]:
    """The spellings tried for a value: as written, its leading number alone, and its words without the number
    (`3 moderate` -> '3', 'moderate'). The number comes first: Remedy's urgency '3-Medium' is level 3, though
    'medium' alone is level 2 elsewhere."""
    numbered = re.fullmatch(r"(\d+) (.+)", key)
    return (key, numbered[1], numbered[2]) if numbered else (key,)


def vocabulary(column: Column) -> dict[str, str]:
    """A choice column's spellings, by their words, with the values we store accepted as themselves."""
    words = {normal(v): v for v in column.choices.values()}
    words.update({normal(k): v for k, v in column.choices.items()})
    return words


def place(value: str | None, words: dict[str, str], overrides: dict[str, str] | None = None) -> str | None:
    """What a value means among a vocabulary's words (None when it cannot be placed); `overrides` (a mapping
    file's value map, the analyst's reference map) come first."""
    if is_missing(value):
        return None
    assert value is not None
    for spelling in _spellings(normal(value)):
        if overrides and spelling in overrides:
            return overrides[spelling]
        if spelling in words:
            return words[spelling]
    return None


@dataclass
class Profile:
    """What the sampled values of one column of the file look like."""

    values: list[str]  # the non-missing values, trimmed
    rows: int  # rows sampled
    whole_file: bool  # the sample is every row of the file
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def distinct(self) -> int:
        return len(set(self.values))

    def counted(self) -> str:
        """'3,913 values' (the whole file) or '1,200 values in the first 1,480 rows'."""
        noun = "value" if len(self.values) == 1 else "values"
        where = "" if self.whole_file else f" in the first {self.rows:,} rows"
        return f"{len(self.values):,} {noun}{where}"


def profile(cells: list[str], *, whole_file: bool) -> Profile:
    """Profile one column's sampled cells once; the shapes are shares of its non-missing values."""
    values = [c.strip() for c in cells if not is_missing(c)]
    found = Profile(values=values, rows=len(cells), whole_file=whole_file)
    if not values:
        return found
    n = len(values)

    def share(pattern: re.Pattern) -> float:
        return sum(1 for v in values if pattern.fullmatch(v)) / n

    found.shares = {
        "date": share(_DATE),
        "money": share(_MONEY) if any(ch.isdigit() for v in values[:50] for ch in v) else 0.0,
        "integer": share(_INTEGER),
        "number": share(_NUMBER),
        "ticket_number": share(_TICKET),
        "email": share(_EMAIL),
        "person": sum(1 for v in values if _EMAIL.fullmatch(v) or _PERSON.fullmatch(v)) / n,
        "timed": sum(1 for v in values if _DATE.fullmatch(v) and re.search(r"\d:\d\d", v)) / n,
    }
    return found


@dataclass(frozen=True)
class Fit:
    """How well a column's values fit one of ours: 0 to 1, and why in words."""

    share: float
    evidence: str


def fit(found: Profile, column: Column, overrides: dict[str, str] | None = None) -> Fit | None:
    """How well the sampled values fit `column`, or None when its values say nothing either way (too few,
    or a free-text column whose values cannot be told from any other text)."""
    if len(found.values) < MIN_VALUES:
        return None
    shape = column.shape_name
    if column.choices and shape in ("choice", "label", "free", "text"):
        return _vocabulary_fit(found, column, overrides)
    if shape in ("date", "timestamp"):
        share = found.shares["date"]
        timed = found.shares["timed"]
        what = "dates and times" if timed > 0.5 else "dates"
        return Fit(share, f"{found.counted()}, {_how_many(share)} {what}{_example_if_not(found, share, _DATE)}")
    if shape == "money":
        share = found.shares["money"]
        if found.shares["integer"] > 0.9 and all(len(v.lstrip("-+")) >= 7 for v in found.values[:200]):
            share = 0.0  # long whole numbers are references, not amounts
        return Fit(
            share, f"{found.counted()}, {_how_many(share)} amounts of money{_example_if_not(found, share, _MONEY)}"
        )
    if shape in ("integer", "number"):
        share = found.shares["integer" if shape == "integer" else "number"]
        what = "whole numbers" if shape == "integer" else "numbers"
        return Fit(share, f"{found.counted()}, {_how_many(share)} {what}")
    if shape == "boolean":
        return _vocabulary_fit(found, column, overrides, words=_BOOLEAN_WORDS)
    if shape == "ticket_number":
        share = found.shares["ticket_number"]
        example = found.values[0]
        different = f", {found.distinct:,} different" if found.distinct < len(found.values) else ", each different"
        return Fit(share, f"{found.counted()}, {_how_many(share)} ticket references like '{example[:20]}'{different}")
    if shape == "person":
        share = found.shares["person"]
        what = "e-mail addresses" if found.shares["email"] > 0.5 else "people's names or e-mail addresses"
        return Fit(share, f"{found.counted()}, {_how_many(share)} {what}")
    return None


_BOOLEAN_WORDS = {"true": "yes", "yes": "yes", "y": "yes", "t": "yes", "false": "no", "no": "no", "n": "no", "f": "no"}


def _vocabulary_fit(
    found: Profile, column: Column, overrides: dict[str, str] | None, words: dict[str, str] | None = None
) -> Fit:
    words = words if words is not None else vocabulary(column)
    counts = Counter(found.values)
    placed = {value: place(value, words, overrides) for value in counts}
    share = sum(n for value, n in counts.items() if placed[value] is not None) / len(found.values)
    known = [value for value, _ in counts.most_common() if placed[value] is not None]
    unknown = [value for value, _ in counts.most_common() if placed[value] is None]
    shown = _listed(known)
    if share == 1:
        evidence = f"{found.counted()}, all {shown}"
    elif share == 0:
        evidence = f"{found.counted()}, none of them a {column.header.lower()} we know (for example {unknown[0]!r})"
    else:
        evidence = f"{found.counted()}, {share:.0%} of them {shown}; not placed: {_listed(unknown, quote=True)}"
    return Fit(share, evidence)


def _listed(values: list[str], *, quote: bool = False, most: int = 4) -> str:
    shown = [repr(v) if quote else v for v in values[:most]]
    more = f" and {len(values) - most:,} more" if len(values) > most else ""
    if len(shown) <= 1:
        return (shown[0] if shown else "") + more
    return ", ".join(shown[:-1]) + (" or " if not more else ", ") + shown[-1] + more


def _how_many(share: float) -> str:
    if share == 1:
        return "all"
    if share == 0:
        return "none of them"
    return f"{share:.0%}"


def _example_if_not(found: Profile, share: float, pattern: re.Pattern) -> str:
    if share == 1:
        return ""
    other = next((v for v in found.values if not pattern.fullmatch(v)), None)
    return f" (not: {other[:30]!r})" if other else ""


def value_map(
    column: Column, values: list[str], overrides: dict[str, str] | None = None
) -> list[tuple[str, str | None, int]]:
    """How each distinct value of a choice column is read: (as written, ours or None, how often), commonest first."""
    words = vocabulary(column)
    counts = Counter(v.strip() for v in values if not is_missing(v))
    return [(value, place(value, words, overrides), n) for value, n in counts.most_common()]
