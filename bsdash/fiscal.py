"""Financial years run 1 April to 31 March and are written 2024/25."""

import re
from datetime import date

_PATTERN = re.compile(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})")


def financial_year(day: date) -> str:
    """The financial year a day falls in: 01/04/2024 to 31/03/2025 is 2024/25."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def parse_financial_year(text: str) -> str | None:
    """'2024/25', '2024-25' or '2024/2025' as '2024/25'; None when it is not a financial year."""
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if end % 100 != (start + 1) % 100 or (end >= 100 and end != start + 1):
        return None
    return f"{start}/{(start + 1) % 100:02d}"


def year_bounds(label: str) -> tuple[date, date]:
    """First and last day of a financial year written 2024/25."""
    start = int(label[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def years_between(first: date, last: date) -> list[str]:
    """Every financial year from the one holding `first` to the one holding `last`, oldest first."""
    start, end = int(financial_year(first)[:4]), int(financial_year(last)[:4])
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(start, end + 1)]


def month_starts(first: date, last: date) -> list[date]:
    """First days of the months from `first`'s month to `last`'s month."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
