"""The forecast outturn: one method, one figure, wherever it is shown.

The outturn of a period is the spend of its whole months already paid, plus the forecast of the months left
by the backtested method of bsdash.analysis.forecasting (seasonal naive with trend), with its 80 % interval.
A month the payments export has not completed yet is forecast too: its payments so far are a part-month.
A period that is over has no forecast: its outturn is what was paid.

Departments: each department's months left are forecast by the same method on its own payments, and the
force's forecast of the months left is shared between the departments in proportion to those forecasts, so
that the departments add up to the force's outturn to the penny. (A department with less than two years of
payments takes its share by its last twelve months' spend instead.)
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bsdash.analysis import forecasting
from bsdash.analysis.periods import Period

_NO_ROWS = pd.DataFrame(
    {
        "department": pd.Series(dtype=object),
        "actual_to_date": pd.Series(dtype=float),
        "remaining": pd.Series(dtype=float),
    }
)
METHOD_IN_WORDS = (
    "Forecast outturn = the payments of the whole months so far + each month left forecast as the same month "
    "a year before, grown by the last twelve months' growth over the twelve before them (seasonal naive with "
    "trend, backtested on earlier years); departments' forecasts are shared out so that they add up to the "
    "force's."
)
MAX_MONTHS_AHEAD = 24


def paid_through(spend_as_at: date) -> date:
    """The last day of the last whole month of payments."""
    following = spend_as_at + timedelta(days=1)
    return spend_as_at if following.day == 1 else following.replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Outturn:
    """A period's forecast outturn; `by_department` adds up to it (department, actual_to_date, remaining,
    outturn)."""

    period: Period
    paid_through: date
    actual_to_date: float
    remaining: float | None  # None when the method cannot forecast (`reason` says why)
    low: float | None = None
    high: float | None = None
    months_left: float = 0.0
    reason: str | None = None
    by_department: pd.DataFrame = field(default_factory=lambda: _with_outturn(_NO_ROWS))
    history: pd.DataFrame = field(default_factory=pd.DataFrame)  # month, amount: the series forecast from

    @property
    def complete(self) -> bool:
        return self.period.date_to <= self.paid_through

    @property
    def outturn(self) -> float | None:
        return None if self.remaining is None else self.actual_to_date + self.remaining


def months_left(period: Period, through: date) -> list[tuple[date, float]]:
    """The months of the period after `through`, each with the share of its days inside the period."""
    start = max(period.date_from, through + timedelta(days=1))
    months = []
    month = start.replace(day=1)
    while month <= period.date_to:
        end = _month_end(month)
        inside = (min(end, period.date_to) - max(month, start)).days + 1
        months.append((month, inside / end.day))
        month = end + timedelta(days=1)
    return months


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def forecast_outturn(
    period: Period,
    spend_as_at: date,
    monthly: pd.DataFrame,
    actual: pd.DataFrame,
) -> Outturn:
    """The outturn of `period`.

    `monthly`: month, department, amount: every whole month of payments up to `paid_through(spend_as_at)` (the
    named query spend_by_department_and_month). `actual`: department, amount: the payments of the period up to
    that day, or the whole period when it is over (spend_by_department).
    """
    through = paid_through(spend_as_at)
    actual = actual.assign(department=actual["department"].fillna("Not recorded"))
    paid = actual.groupby("department")["amount"].sum()
    ahead = months_left(period, through)
    if not ahead:
        rows = pd.DataFrame({"department": paid.index, "actual_to_date": paid.to_numpy(), "remaining": 0.0})
        return Outturn(
            period,
            through,
            float(paid.sum()),
            0.0,
            float(paid.sum()),
            float(paid.sum()),
            0.0,
            by_department=_with_outturn(rows),
        )
    series = _series(monthly, through)
    total = series.sum(axis=1) if len(series.columns) else pd.Series(dtype=float)
    history = pd.DataFrame({"month": total.index, "amount": total.to_numpy()})
    weights = np.array([share for _, share in ahead])
    left = float(weights.sum())
    base = Outturn(period, through, float(paid.sum()), None, months_left=left, history=history)
    if len(ahead) > MAX_MONTHS_AHEAD:
        return _without(base, f"the period ends more than {MAX_MONTHS_AHEAD} months after the payments do")
    if len(total) < forecasting.MINIMUM_HISTORY:
        return _without(base, "the method needs two years of whole months of payments for these filters")
    # The months between the last whole month and the first month left (a period starting later) are skipped.
    skip = (ahead[0][0].year - through.year) * 12 + ahead[0][0].month - through.month - 1
    steps = np.concatenate([np.zeros(skip), weights])
    result = forecasting.outturn(total.to_numpy(), float(paid.sum()), len(steps), steps)
    shares = _shares(series, steps, paid)
    rows = pd.DataFrame({"department": shares.index, "remaining": result.remaining * shares.to_numpy()})
    rows["actual_to_date"] = rows["department"].map(paid).fillna(0.0)
    missing = paid[~paid.index.isin(rows["department"])]
    if len(missing):
        rows = pd.concat(
            [rows, pd.DataFrame({"department": missing.index, "actual_to_date": missing.to_numpy(), "remaining": 0.0})]
        )
    return Outturn(
        period,
        through,
        result.actual_to_date,
        result.remaining,
        result.low,
        result.high,
        left,
        by_department=_with_outturn(rows),
        history=history,
    )


def _without(base: Outturn, reason: str) -> Outturn:
    return Outturn(
        base.period,
        base.paid_through,
        base.actual_to_date,
        None,
        months_left=base.months_left,
        reason=reason,
        history=base.history,
    )


def _with_outturn(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows[["department", "actual_to_date", "remaining"]].reset_index(drop=True)
    rows["outturn"] = rows["actual_to_date"] + rows["remaining"]
    return rows.sort_values("outturn", ascending=False).reset_index(drop=True)


def _series(monthly: pd.DataFrame, through: date) -> pd.DataFrame:
    """Months x departments, every month from the first to `through`'s month, missing months as nothing paid."""
    if monthly.empty:
        return pd.DataFrame()
    frame = monthly.assign(
        month=pd.to_datetime(monthly["month"]), department=monthly["department"].fillna("Not recorded")
    )
    frame = frame[frame["month"] <= pd.Timestamp(through)]
    wide = frame.pivot_table(index="month", columns="department", values="amount", aggfunc="sum", fill_value=0.0)
    if wide.empty:
        return wide
    months = pd.date_range(wide.index.min(), pd.Timestamp(through).replace(day=1), freq="MS")
    return wide.reindex(months, fill_value=0.0)


def _shares(series: pd.DataFrame, steps: np.ndarray, paid: pd.Series) -> pd.Series:
    """Each department's share of the months left: its own forecast by the method, or its last twelve months."""
    own = {}
    for department in series.columns:
        values = series[department].to_numpy(dtype=float)
        if len(values) >= forecasting.MINIMUM_HISTORY and values[-forecasting.SEASON :].sum() > 0:
            own[department] = float((forecasting.forecast(values, len(steps)) * steps).sum())
        else:
            own[department] = float(values[-forecasting.SEASON :].sum()) * float(steps.sum()) / forecasting.SEASON
    weights = pd.Series(own, dtype=float).clip(lower=0.0)
    if not math.isfinite(weights.sum()) or weights.sum() <= 0:
        weights = paid.reindex(series.columns).fillna(0.0).clip(lower=0.0)
    if weights.sum() <= 0:
        weights = pd.Series(1.0, index=series.columns)
    return weights / weights.sum()
