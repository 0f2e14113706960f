"""Traffic lights, forecasts, indices and sentences: the judgements the pages show, as a reader would check them."""

from datetime import date

import pandas as pd
import pytest

from bsdash.analysis import measures
from bsdash.analysis.dates import DataDates
from bsdash.analysis.periods import Filters, Period


@pytest.mark.parametrize(
    ("forecast", "budget", "level"),
    [(99, 100, "good"), (100, 100, "good"), (101.9, 100, "watch"), (102.1, 100, "act"), (5, None, "watch")],
)
def test_forecast_outturn_light(forecast, budget, level):
    assert measures.outturn_status(forecast, budget).level == level


@pytest.mark.parametrize(
    ("compliance", "target", "level"),
    [(0.90, 0.85, "good"), (0.85, 0.85, "good"), (0.81, 0.85, "watch"), (0.79, 0.85, "act")],
)
def test_sla_light(compliance, target, level):
    assert measures.sla_status(compliance, target).level == level


def test_backlog_light_counts_at_risk_and_breached_together():
    assert measures.backlog_status(100, 5, 4).level == "good"
    assert measures.backlog_status(100, 5, 6).level == "watch"
    assert measures.backlog_status(100, 15, 6).level == "act"
    assert measures.backlog_status(0, 0, 0).level == "good"


def test_contracts_light_and_cost_per_fte_light():
    assert measures.contracts_status(None).level == "good"
    assert measures.contracts_status(4.5).level == "watch"
    assert measures.contracts_status(2.9).level == "act"
    assert measures.cost_per_fte_status(103, 100).level == "good"
    assert measures.cost_per_fte_status(107, 100).level == "watch"
    assert measures.cost_per_fte_status(109, 100).level == "act"


def test_forecast_outturn_adds_the_run_rate_for_the_months_left():
    assert measures.forecast_outturn(80.0, 10, 12) == pytest.approx(96.0)
    assert measures.forecast_outturn(80.0, 12, 12) == pytest.approx(80.0)
    assert measures.forecast_outturn(0.0, 0, 12) == 0.0


def test_the_sla_target_is_weighted_by_tickets_resolved():
    frame = pd.DataFrame({"compliance_target": [0.95, 0.85], "tickets_resolved": [10, 90]})
    assert measures.weighted_sla_target(frame) == pytest.approx(0.86)


def test_the_index_is_against_the_weighted_force_average():
    frame = pd.DataFrame(
        {
            "department": ["A", "A", "B", "B"],
            "service": ["IT", "Fleet", "IT", "Fleet"],
            "total_fte": [10, 10, 90, 90],
            "amount": [1000, 0, 900, 900],
        }
    )
    frame["amount_per_fte"] = frame["amount"] / frame["total_fte"]
    indexed = measures.index_to_average(frame).set_index(["department", "service"])["index"]
    # Force IT per FTE = 1,900 / 100 = 19: A spends 100 per FTE (index 526), B 10 (index 53).
    assert indexed[("A", "IT")] == pytest.approx(100 / 19 * 100)
    assert indexed[("B", "IT")] == pytest.approx(10 / 19 * 100)
    assert indexed[("B", "Fleet")] == pytest.approx(100 / 9 * 10)


def test_the_sentence_names_the_largest_ratio_first():
    frame = pd.DataFrame(
        {
            "department": ["Cyber", "Cyber", "Maidstone", "Maidstone"],
            "service": ["IT support", "Fleet", "IT support", "Fleet"],
            "amount_per_fte": [30000, 300, 3000, 4500],
        }
    )
    assert measures.largest_differences(frame) == (
        "Maidstone spends £4,500 per FTE on Fleet, 15.0 times as much as Cyber (£300); Cyber spends £30,000 per "
        "FTE on IT support, 10.0 times as much as Maidstone (£3,000)."
    )


def test_spend_changes_in_words():
    now = pd.DataFrame({"service": ["IT", "Fleet"], "amount": [1_200_000, 800_000]})
    before = pd.DataFrame({"service": ["IT", "Fleet"], "amount": [1_000_000, 900_000]})
    assert measures.spend_changes(now, before) == "Largest changes: IT up £200k (+20%); Fleet down £100k (-11%)."


def test_a_year_in_progress_is_compared_with_the_same_stretch_of_the_year_before():
    year = Period.year("2025/26")
    as_at = date(2026, 1, 31)
    assert year.is_to_date(as_at)
    previous = year.previous(as_at)
    assert (previous.date_from, previous.date_to, previous.label) == (date(2024, 4, 1), date(2025, 1, 31), "2024/25")
    assert year.months_elapsed(as_at) == pytest.approx(10.0)
    assert year.months_total() == pytest.approx(12.0)


def test_a_custom_range_is_compared_with_the_equal_stretch_before_it():
    period = Period(date(2024, 7, 1), date(2024, 9, 30))
    assert period.label == "01/07/2024 to 30/09/2024"
    previous = period.previous(date(2026, 1, 31))
    assert (previous.date_from, previous.date_to) == (date(2024, 3, 31), date(2024, 6, 30))


def test_filters_turn_into_query_parameters():
    dates = DataDates(date(2026, 1, 31), date(2026, 1, 31), date(2026, 1, 31))
    filters = Filters(Period.year("2024/25"), dates, departments=("CYB",), services=())
    assert filters.params() == {
        "date_from": date(2024, 4, 1),
        "date_to": date(2025, 3, 31),
        "departments": ["CYB"],
        "services": [],
    }
    assert filters.nothing_selected()
    assert Filters(Period.year("2024/25"), dates).params()["services"] is None
