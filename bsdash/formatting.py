"""How figures are written for people: money in pounds, UK dates, percentages. No Streamlit here."""

import math
from datetime import date, datetime
from decimal import Decimal

import pandas as pd


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def money(value: object) -> str:
    """£1,234,567 (whole pounds), -£12,000 for credits; an en dash when there is no figure."""
    if _missing(value):
        return "–"
    amount = float(value)  # type: ignore[arg-type]
    return f"{'-' if amount < 0 else ''}£{abs(amount):,.0f}"


def money_exact(value: object) -> str:
    """£1,234,567.89 to the penny, -£12.00 for credits: for reconciling an import with its file."""
    if _missing(value):
        return "–"
    amount = value if isinstance(value, Decimal) else float(value)  # type: ignore[arg-type]
    return f"{'-' if amount < 0 else ''}£{abs(amount):,.2f}"


def money_short(value: object) -> str:
    """£1.2m, £350k, £900 for headlines."""
    if _missing(value):
        return "–"
    amount = float(value)  # type: ignore[arg-type]
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    if amount >= 1_000_000_000:
        return f"{sign}£{amount / 1_000_000_000:.1f}bn"
    if amount >= 1_000_000:
        return f"{sign}£{amount / 1_000_000:.1f}m"
    if amount >= 10_000:
        return f"{sign}£{amount / 1_000:.0f}k"
    return f"{sign}£{amount:,.0f}"


def uk_date(value: object) -> str:
    """dd/mm/yyyy."""
    if _missing(value):
        return "–"
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.strftime("%d/%m/%Y")
    raise TypeError(f"not a date: {value!r}")


def percent(value: object, decimals: int = 1) -> str:
    """0.884 as 88.4%."""
    if _missing(value):
        return "–"
    return f"{float(value) * 100:.{decimals}f}%"  # type: ignore[arg-type]


def count(value: object) -> str:
    if _missing(value):
        return "–"
    return f"{int(value):,}"  # type: ignore[call-overload]


def counted(number: int, one: str, many: str | None = None) -> str:
    """`1 label`, `2 labels`, `3 entries` (give `many` where adding an s is wrong)."""
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def joined(parts: list[str]) -> str:
    """Items in words: `a`, `a and b`, `a, b and c`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
