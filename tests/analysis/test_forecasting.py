"""Forecasts: the method as stated, its interval from its own past errors, and its backtest on the sample."""

import numpy as np
import pandas as pd
import pytest

from bsdash.analysis import forecasting
from bsdash.store.queries import Registry


def test_next_month_is_the_same_month_last_year_grown_by_the_last_years_growth():
    history = np.array([100.0] * 12 + [110.0] * 11 + [220.0])  # growth = (11 x 110 + 220) / 1,200 = 1.1917
    predicted = forecasting.forecast(history, 13)
    growth = (11 * 110 + 220) / 1200
    assert predicted[0] == pytest.approx(110 * growth)
    assert predicted[11] == pytest.approx(220 * growth)
    assert predicted[12] == pytest.approx(110 * growth**2)  # a second year ahead grows twice


def test_a_series_with_steady_growth_and_seasons_is_forecast_exactly():
    months = np.arange(48)
    series = 1000 * 1.05 ** (months // 12) * (1 + 0.2 * np.sin(months / 12 * 2 * np.pi))
    check = forecasting.backtest(pd.Series(range(48)), series)
    assert check.mape == pytest.approx(0, abs=1e-9)


def test_the_ticket_backtest_error_is_stated_and_small(sample_con):
    tickets = Registry().run(sample_con, "tickets_by_month", {"date_from": "2021-04-01", "date_to": "2026-01-31"})
    check = forecasting.backtest(tickets["month"], tickets["tickets_logged"].to_numpy())
    assert check.held_out == 12
    assert check.mape < 0.10
    table = forecasting.monthly_forecast(tickets["month"], tickets["tickets_logged"].to_numpy(), 12)
    ahead = table.dropna(subset=["forecast"])
    assert len(ahead) == 12 and (ahead["low"] < ahead["forecast"]).all() and (ahead["forecast"] < ahead["high"]).all()


def test_the_outturn_adds_the_forecast_of_the_months_left_to_the_spend_to_date():
    values = np.array([100.0] * 12 + [110.0] * 12 + [121.0] * 10)
    result = forecasting.outturn(values, actual_to_date=1210.0, months_left=2)
    # The two months left were 110 a year before; growth = (2 x 110 + 10 x 121) / (2 x 100 + 10 x 110) = 1.1
    assert result.remaining == pytest.approx(2 * 110.0 * 1.1)
    assert result.outturn == pytest.approx(1210 + 242)
