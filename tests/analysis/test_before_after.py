"""Before and after: equal windows, the difference in differences and its interval, on made-up months and on the
sample's own outsourcing of IT support."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from bsdash.analysis import before_after
from bsdash.sample.organisation import OUTSOURCING_DATE
from bsdash.store.queries import Registry


def panel(changed_after: float, noise: float = 0.01, months: int = 12, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(-months, months):
        season = 0.02 * np.sin(k / 12 * 2 * np.pi)  # moves both arms alike, and so cancels
        rows.append((k, "comparison", 0.80 + season + rng.normal(0, noise)))
        rows.append((k, "changed", 0.75 + season + (changed_after if k >= 0 else 0) + rng.normal(0, noise)))
    return pd.DataFrame(rows, columns=["window_month", "arm", "value"])


def test_a_real_change_is_found_with_its_size_and_an_interval_that_excludes_zero():
    estimate = before_after.difference_in_differences(panel(0.10), "value")
    assert estimate.effect == pytest.approx(0.10, abs=0.01)
    assert 0 < estimate.low < estimate.effect < estimate.high
    assert estimate.enough_evidence


def test_no_change_is_not_enough_evidence():
    estimate = before_after.difference_in_differences(panel(0.0), "value")
    assert estimate.low < 0 < estimate.high
    text = before_after.verdict(estimate, higher_is_better=True, what="SLA", shown="{:+.3f}".format)
    assert "**not enough evidence**" in text


def test_windows_are_equal_and_as_long_as_the_data_allows():
    windows = before_after.equal_windows(date(2023, 10, 1), 24, date(2021, 4, 1), date(2026, 1, 31))
    assert windows.months == 24
    assert (windows.before_from, windows.after_to) == (date(2021, 10, 1), date(2025, 9, 30))
    short = before_after.equal_windows(date(2022, 1, 1), 24, date(2021, 4, 1), date(2026, 1, 31))
    assert short.months == 9  # April to December 2021 before it
    assert before_after.equal_windows(date(2021, 4, 10), 12, date(2021, 4, 1), date(2026, 1, 31)) is None


def run(sample_con, name: str, **params) -> pd.DataFrame:
    return Registry().run(sample_con, name, params)


def test_the_samples_it_outsourcing_is_found_with_the_right_sign(sample_con):
    monthly = run(sample_con, "ticket_outcomes_by_window_month", change_date=OUTSOURCING_DATE, window_months=12)
    sla = before_after.difference_in_differences(monthly, "sla_compliance")
    hours = before_after.difference_in_differences(monthly, "median_hours_to_resolve")
    assert sla.enough_evidence and sla.low > 0.05  # the supplier's teams meet their SLA far more often
    assert hours.enough_evidence and hours.high < 0  # and resolve faster
    assert abs(sla.comparison_after - sla.comparison_before) < 0.02  # the in-house teams did not change
    assert before_after.suggested_change(run(sample_con, "resolver_teams"), date(2021, 4, 1)) == OUTSOURCING_DATE


def test_a_date_when_nothing_changed_is_not_enough_evidence(sample_con):
    monthly = run(sample_con, "ticket_outcomes_by_window_month", change_date=date(2022, 10, 1), window_months=12)
    assert not before_after.difference_in_differences(monthly, "sla_compliance").enough_evidence
