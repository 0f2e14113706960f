"""The one outturn: paid whole months plus the method's forecast of the months left; the departments' forecasts
add up to the force's; a period that is over is what was paid; too little history gives no forecast and says why."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bsdash.analysis import forecasting
from bsdash.analysis.outturn import forecast_outturn, months_left, paid_through
from bsdash.analysis.periods import Period


def history(months: int, departments: dict[str, float]) -> pd.DataFrame:
    """Monthly payments from April 2021, each department growing 5 % a year with a March rush."""
    rows = []
    for i, month in enumerate(pd.date_range("2021-04-01", periods=months, freq="MS")):
        for department, base in departments.items():
            rush = 1.5 if month.month == 3 else 1.0
            rows.append((month, department, base * rush * 1.05 ** (i / 12)))
    return pd.DataFrame(rows, columns=["month", "department", "amount"])


def paid(monthly: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    chosen = monthly[(monthly["month"] >= first) & (monthly["month"] <= last)]
    return chosen.groupby("department", as_index=False)["amount"].sum()


def test_a_whole_month_of_payments_counts_as_paid_a_part_month_is_forecast():
    assert paid_through(date(2026, 1, 31)) == date(2026, 1, 31)
    assert paid_through(date(2026, 2, 7)) == date(2026, 1, 31)
    left = months_left(Period.year("2025/26"), date(2026, 1, 31))
    assert left == [(date(2026, 2, 1), 1.0), (date(2026, 3, 1), 1.0)]
    half = months_left(Period(date(2026, 2, 1), date(2026, 3, 16)), date(2026, 1, 31))
    assert half == [(date(2026, 2, 1), 1.0), (date(2026, 3, 1), pytest.approx(16 / 31))]


def test_the_departments_forecasts_add_up_to_the_forces_outturn():
    monthly = history(58, {"CYB": 10_000.0, "NPT": 40_000.0, "Unmapped: X": 500.0})  # April 2021 to January 2026
    period = Period.year("2025/26")
    result = forecast_outturn(period, date(2026, 1, 31), monthly, paid(monthly, "2025-04-01", "2026-01-31"))
    total = monthly.groupby("month")["amount"].sum().to_numpy()
    expected = forecasting.outturn(total, result.actual_to_date, 2)
    assert result.outturn == pytest.approx(expected.actual_to_date + expected.remaining)
    assert result.low <= result.outturn <= result.high
    rows = result.by_department.set_index("department")
    assert rows["outturn"].sum() == pytest.approx(result.outturn, abs=0.005)
    assert rows.loc["NPT", "remaining"] > rows.loc["CYB", "remaining"] > rows.loc["Unmapped: X", "remaining"] > 0


def test_a_period_that_is_over_is_what_was_paid():
    monthly = history(58, {"CYB": 10_000.0})
    result = forecast_outturn(
        Period.year("2024/25"), date(2026, 1, 31), monthly, paid(monthly, "2024-04-01", "2025-03-31")
    )
    assert result.complete and result.remaining == 0.0
    assert result.outturn == pytest.approx(paid(monthly, "2024-04-01", "2025-03-31")["amount"].sum())


def test_without_two_years_of_whole_months_there_is_no_forecast_and_it_says_why():
    monthly = history(20, {"CYB": 10_000.0})  # April 2021 to November 2022
    result = forecast_outturn(
        Period.year("2022/23"), date(2022, 11, 30), monthly, paid(monthly, "2022-04-01", "2022-11-30")
    )
    assert result.outturn is None and "two years" in result.reason
    assert result.by_department.columns.tolist() == ["department", "actual_to_date", "remaining", "outturn"]


def test_part_months_weigh_the_forecast_by_their_days():
    values = np.full(36, 100.0)
    whole = forecasting.outturn(values, 0.0, 2)
    weighted = forecasting.outturn(values, 0.0, 2, np.array([1.0, 0.5]))
    assert weighted.remaining == pytest.approx(whole.remaining * 0.75)
