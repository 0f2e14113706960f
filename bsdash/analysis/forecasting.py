"""Forecasts of monthly series (tickets logged, spend) by a method that can be said in one sentence, with an
interval taken from the method's own past errors, and a backtest. numpy and pandas only.

The method, "seasonal naive with trend": next month is the same month a year before, grown by the growth of
the last twelve months over the twelve before them (sum over sum). It keeps a series' seasons (the March
spending rush, the December lull in tickets) and its trend, and needs two years of history.

The interval is empirical: the same method is run from every earlier month with two years behind it, and its
errors h months ahead are kept; the forecast's interval at horizon h spans the middle 80 % of those errors.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

SEASON = 12
MINIMUM_HISTORY = 2 * SEASON
COVERAGE = 0.8
METHOD = (
    "Seasonal naive with trend: each month is forecast as the same month a year before, grown by the growth of "
    "the last twelve months over the twelve before them."
)


def growth(history: np.ndarray) -> float:
    """Last twelve months over the twelve before them."""
    before = history[-2 * SEASON : -SEASON].sum()
    return float(history[-SEASON:].sum() / before) if before else 1.0


def forecast(history: np.ndarray, horizon: int) -> np.ndarray:
    """The next `horizon` values of a monthly series (at least two years long)."""
    history = np.asarray(history, dtype=float)
    if len(history) < MINIMUM_HISTORY:
        raise ValueError(f"needs {MINIMUM_HISTORY} months of history, has {len(history)}")
    rate = growth(history)
    steps = np.arange(1, horizon + 1)
    years_ahead = (steps - 1) // SEASON + 1
    same_month = history[len(history) - SEASON + (steps - 1) % SEASON]
    return same_month * rate**years_ahead


def past_errors(history: np.ndarray, horizon: int) -> pd.DataFrame:
    """Relative errors (actual / forecast - 1) of the method run from every earlier origin, by horizon."""
    history = np.asarray(history, dtype=float)
    rows = []
    for origin in range(MINIMUM_HISTORY, len(history)):
        ahead = min(horizon, len(history) - origin)
        predicted = forecast(history[:origin], ahead)
        for h in range(ahead):
            rows.append((origin, h + 1, history[origin + h], predicted[h]))
    frame = pd.DataFrame(rows, columns=["origin", "horizon", "actual", "forecast"])
    frame["error"] = frame["actual"] / frame["forecast"] - 1
    return frame


def interval(predicted: np.ndarray, errors: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Low and high ends at each horizon: the forecast times the middle COVERAGE of that horizon's past errors.

    A horizon with fewer than five past errors borrows the errors of every horizon up to it.
    """
    tail = (1 - COVERAGE) / 2
    low, high = np.empty(len(predicted)), np.empty(len(predicted))
    for i, value in enumerate(predicted):
        at = errors.loc[errors["horizon"] == i + 1, "error"]
        if len(at) < 5:
            at = errors.loc[errors["horizon"] <= i + 1, "error"]
        q_low, q_high = np.quantile(at, [tail, 1 - tail]) if len(at) else (0.0, 0.0)
        low[i], high[i] = value * (1 + q_low), value * (1 + q_high)
    return low, high


@dataclass(frozen=True)
class Backtest:
    """The method's error on the last `held_out` months, forecast from the months before them."""

    held_out: int
    mape: float
    frame: pd.DataFrame  # month, actual, forecast, error


def backtest(months: pd.Series, values: np.ndarray, held_out: int = SEASON) -> Backtest | None:
    """Hold out the last months, forecast them from the rest, and measure the mean absolute percentage error."""
    values = np.asarray(values, dtype=float)
    if len(values) < MINIMUM_HISTORY + held_out:
        held_out = len(values) - MINIMUM_HISTORY
    if held_out < 3:
        return None
    predicted = forecast(values[:-held_out], held_out)
    actual = values[-held_out:]
    frame = pd.DataFrame(
        {"month": list(months)[-held_out:], "actual": actual, "forecast": predicted, "error": actual / predicted - 1}
    )
    return Backtest(held_out, float(np.mean(np.abs(frame["error"]))), frame)


def monthly_forecast(months: pd.Series, values: np.ndarray, horizon: int) -> pd.DataFrame:
    """History and forecast in one table: month, actual, forecast, low, high (history has only actual)."""
    values = np.asarray(values, dtype=float)
    predicted = forecast(values, horizon)
    low, high = interval(predicted, past_errors(values, horizon))
    last = pd.Timestamp(list(months)[-1])
    future = [last + pd.DateOffset(months=i) for i in range(1, horizon + 1)]
    history = pd.DataFrame({"month": pd.to_datetime(list(months)), "actual": values})
    ahead = pd.DataFrame({"month": future, "forecast": predicted, "low": low, "high": high})
    return pd.concat([history, ahead], ignore_index=True)


@dataclass(frozen=True)
class Outturn:
    actual_to_date: float
    remaining: float
    low: float
    high: float
    months_left: int

    @property
    def outturn(self) -> float:
        return self.actual_to_date + self.remaining


def outturn(values: np.ndarray, actual_to_date: float, months_left: int, weights: np.ndarray | None = None) -> Outturn:
    """The year's outturn: spend to date + the forecast of its remaining months, with an interval from the
    method's past errors on the sum of that many months ahead.

    `weights` (one per month left, default all 1) take part of a month: a period ending on the 15th of a
    30-day month counts half of that month's forecast.
    """
    values = np.asarray(values, dtype=float)
    if months_left <= 0:
        return Outturn(actual_to_date, 0.0, actual_to_date, actual_to_date, 0)
    share = np.ones(months_left) if weights is None else np.asarray(weights, dtype=float)
    remaining = float((forecast(values, months_left) * share).sum())
    errors = []
    for origin in range(MINIMUM_HISTORY, len(values) - months_left + 1):
        predicted = (forecast(values[:origin], months_left) * share).sum()
        if predicted:
            errors.append((values[origin : origin + months_left] * share).sum() / predicted - 1)
    tail = (1 - COVERAGE) / 2
    q_low, q_high = np.quantile(errors, [tail, 1 - tail]) if errors else (0.0, 0.0)
    return Outturn(
        actual_to_date,
        remaining,
        actual_to_date + remaining * (1 + q_low),
        actual_to_date + remaining * (1 + q_high),
        months_left,
    )


def outturn_backtest(months: pd.Series, values: np.ndarray, months_left: int) -> pd.DataFrame:
    """The same outturn forecast made at the same point of each earlier financial year, against what came.

    Rows: financial_year, forecast_outturn, actual_outturn, error.
    """
    values = np.asarray(values, dtype=float)
    stamps = pd.to_datetime(list(months))
    rows = []
    for end in range(len(values) - 1, MINIMUM_HISTORY - 1, -1):
        year_end = stamps[end]
        if year_end.month != 3 or end - months_left + 1 < MINIMUM_HISTORY:
            continue
        origin = end - months_left + 1  # the first month left to forecast
        start = end - 11
        if start < 0:
            continue
        to_date = values[start:origin].sum()
        predicted = to_date + forecast(values[:origin], months_left).sum()
        actual = values[start : end + 1].sum()
        label = f"{year_end.year - 1}/{year_end.year % 100:02d}"
        rows.append((label, predicted, actual, actual / predicted - 1))
    return pd.DataFrame(rows, columns=["financial_year", "forecast_outturn", "actual_outturn", "error"])
