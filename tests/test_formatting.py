"""Figures as people read them: pounds with separators, £1.2m headlines, UK dates, financial years."""

from datetime import date

import pytest

from bsdash import fiscal
from bsdash import formatting as fmt


@pytest.mark.parametrize(
    ("value", "text"), [(1234567.4, "£1,234,567"), (-12000, "-£12,000"), (0, "£0"), (None, "–"), (float("nan"), "–")]
)
def test_money(value, text):
    assert fmt.money(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(1_234_567, "£1.2m"), (2_500_000_000, "£2.5bn"), (350_400, "£350k"), (950, "£950"), (-4_200_000, "-£4.2m")],
)
def test_money_in_headlines(value, text):
    assert fmt.money_short(value) == text


def test_dates_and_percentages():
    assert fmt.uk_date(date(2026, 1, 31)) == "31/01/2026"
    assert fmt.uk_date("2024-04-01") == "01/04/2024"
    assert fmt.percent(0.8842) == "88.4%"


@pytest.mark.parametrize(
    ("day", "year"), [(date(2024, 4, 1), "2024/25"), (date(2025, 3, 31), "2024/25"), (date(1999, 12, 31), "1999/00")]
)
def test_financial_year_of_a_day(day, year):
    assert fiscal.financial_year(day) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024/25", "2024/25"),
        ("2024-25", "2024/25"),
        ("2024/2025", "2024/25"),
        (" 2024 / 25 ", "2024/25"),
        ("2024/26", None),
        ("24/25", None),
        ("2024", None),
        ("drop table", None),
    ],
)
def test_financial_years_are_read_strictly(text, year):
    assert fiscal.parse_financial_year(text) == year


def test_financial_year_bounds():
    assert fiscal.year_bounds("2024/25") == (date(2024, 4, 1), date(2025, 3, 31))
    assert fiscal.years_between(date(2021, 4, 1), date(2026, 1, 31))[-1] == "2025/26"


def test_counts_with_their_noun_in_the_singular_or_plural():
    assert fmt.counted(1, "label") == "1 label"
    assert fmt.counted(0, "label") == "0 labels"
    assert fmt.counted(1240, "row") == "1,240 rows"
    assert fmt.counted(1, "entry", "entries") == "1 entry"
    assert fmt.counted(3, "entry", "entries") == "3 entries"
