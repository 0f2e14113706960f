"""A chart in one sentence, for people who cannot see it: its figures (largest and smallest, where lines start
and end, targets), written as the dashboard writes them, taken from the same figures the chart draws."""

import pytest

from bsdash import formatting as fmt
from bsdash.analysis.figures.overview import overview
from bsdash.analysis.figures.spend import spend
from bsdash.charts import core as charts
from bsdash.charts.describe import summary
from tests.analysis.conftest import filters_of, runner_over


@pytest.fixture
def figures(sample_con):
    run = runner_over(sample_con)
    filters = filters_of(run, "2024/25")
    return overview(filters, run), spend(filters, run)


def test_a_bar_chart_names_its_largest_and_smallest_bars_with_their_figures(figures):
    shown, _ = figures
    frame = shown.by_service.frame.sort_values("amount", ascending=False)
    text = summary(charts.spend_by_service(shown.by_service.frame))
    first, last = frame.iloc[0], frame.iloc[-1]
    assert text.startswith(f"{len(frame)} bars; highest {first['service']} {fmt.money_short(first['amount'])}")
    assert f"lowest {last['service']} {fmt.money_short(last['amount'])}" in text
    assert "£0" not in text and "10,000,000" not in text  # the figures, not the axis' ticks


def test_a_monthly_chart_says_its_months_and_what_they_are_made_of(figures):
    _, money = figures
    frame = money.capital.frame
    text = summary(charts.stacked_by_month(frame, "amount", "capital_revenue", order=["Revenue", "Capital"]))
    totals = frame.groupby("month")["amount"].sum()
    assert text.startswith(f"12 months; highest {totals.idxmax():%B %Y} {fmt.money_short(totals.max())}")
    revenue = frame.loc[frame["capital_revenue"] == "Revenue", "amount"].sum()
    assert f"made up of Revenue {fmt.money_short(revenue)}" in text


def test_levels_against_targets_and_a_line_say_where_they_stand(figures):
    shown, money = figures
    levels = summary(charts.levels_against_target(shown.levels.frame))
    worst = shown.levels.frame.sort_values("value").iloc[0]
    assert f"lowest {worst['service']} {worst['value']:.1f}%" in levels and "Target from" in levels
    tickets = summary(charts.tickets_and_sla_by_month(shown.tickets.frame, shown.sla_target))
    assert "SLA compliance from" in tickets and "April 2024" in tickets and "March 2025" in tickets
    budget = summary(charts.budget_variance(money.budget.frame))
    top = money.budget.frame.dropna(subset=["forecast_variance_share"]).iloc[0]
    assert f"highest {top['department']} {100 * top['forecast_variance_share']:.1f}%" in budget
