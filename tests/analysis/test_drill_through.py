"""Clicking a bar lists the rows behind it, and their count and total are the bar's: on the Overview, Departments,
Spend, Service levels and Benchmarks (our force's bar). Each click is made as Plotly reports it, from the drawn
chart's own point (its x, y and customdata), so the chart's wiring is tested with the figures."""

import pytest

from bsdash.analysis.figures import benchmarks, departments, drill, overview, service_levels, spend
from bsdash.analysis.figures.drill import Names, rows_behind
from bsdash.charts import analysis as charts_of_analysis
from bsdash.charts import core as charts
from tests.analysis.conftest import filters_of


def point(figure, trace: int, index: int) -> dict:
    """The point Plotly reports when bar `index` of trace `trace` is clicked."""
    data = figure.data[trace]
    custom = None if data.customdata is None else list(data.customdata[index])
    return {"x": data.x[index], "y": data.y[index], "customdata": custom, "curve_number": trace}


def behind(filters, run, bars, chart: str, clicked: dict, names: Names | None = None):
    selection = bars[chart].from_point(chart, clicked)
    assert selection is not None, "the bar has rows behind it"
    # The selection goes through the URL and back, as a shared link does.
    again, bad = bars[chart].from_url(chart, dict(selection.narrowing))
    assert bad == [] and again == selection
    return rows_behind(filters, run, bars[chart], selection, names or Names({}, {}))


def test_overview_a_service_bar_and_a_months_tickets(run):
    filters = filters_of(run, "2024/25")
    figures = overview.overview(filters, run)
    frame = figures.by_service.frame
    chart = charts.spend_by_service(frame)
    fleet = list(chart.data[0].y).index("Fleet management")
    rows = behind(filters, run, overview.BARS, "overview_spend", point(chart, 0, fleet))
    bar = frame.set_index("service").loc["Fleet management"]
    assert rows.count == bar["payments"] and rows.total == pytest.approx(bar["amount"], abs=0.01)
    assert rows.caption.startswith(f"{int(bar['payments']):,} payments, totalling £")

    tickets = figures.tickets.frame
    chart = charts.tickets_and_sla_by_month(tickets, figures.sla_target)
    rows = behind(filters, run, overview.BARS, "overview_tickets", point(chart, 0, 3))
    assert rows.count == tickets.iloc[3]["tickets_logged"] > 0
    assert rows.label == f"tickets logged in {tickets.iloc[3]['month']:%B %Y}"
    assert overview.BARS["overview_tickets"].from_point("overview_tickets", point(chart, 1, 3)) is None  # the line


def test_departments_a_department_and_service_bar_and_its_tickets(run, sample_con):
    filters = filters_of(run, "2024/25")
    figures = departments.departments(filters, run, ["CYB", "NPT-MAI"])
    frame = figures.per_fte.frame
    chart = charts.grouped_bars(frame, "service", "amount_per_fte", "department", key=["department_id", "service_id"])
    it = list(frame[frame["department_id"] == "CYB"]["service_id"]).index("it_support")
    rows = behind(filters, run, departments.BARS, "departments_per_fte", point(chart, 0, it))
    cyber_it = frame[(frame["department_id"] == "CYB") & (frame["service_id"] == "it_support")].iloc[0]
    assert rows.total == pytest.approx(cyber_it["amount"], abs=0.01)
    assert rows.total == pytest.approx(cyber_it["amount_per_fte"] * cyber_it["total_fte"], abs=0.01)
    paid = sample_con.execute("""
        select count(*) from spend where department_id = 'CYB' and service_id = 'it_support'
          and paid_date between '2024-04-01' and '2025-03-31'
    """).fetchall()[0][0]
    assert rows.count == paid

    tickets = figures.tickets.frame
    chart = charts.horizontal_bars(tickets, "tickets_per_100_fte", "department", money=False, key="department_id")
    index = list(chart.data[0].customdata[:, 0]).index("NPT-MAI")
    rows = behind(filters, run, departments.BARS, "departments_demand", point(chart, 0, index))
    assert rows.count == tickets.set_index("department_id").loc["NPT-MAI", "tickets_logged"]


def test_spend_a_supplier_bar_and_a_months_service(run):
    filters = filters_of(run, "2024/25")
    figures = spend.spend(filters, run)
    top = figures.top_suppliers.frame
    chart = charts.horizontal_bars(top, "amount", "supplier", key="supplier_id")
    rows = behind(
        filters,
        run,
        spend.BARS,
        "spend_suppliers",
        point(chart, 0, len(top) - 1),
        Names({}, {}, figures.suppliers_by_code),
    )
    largest = top.iloc[0]  # drawn last: the largest bar is at the top
    assert rows.count == largest["payments"] and rows.total == pytest.approx(largest["amount"], abs=0.01)
    assert rows.label == f"supplier {largest['supplier']}"

    monthly = figures.monthly.frame
    chart = charts.stacked_by_month(monthly, "amount", "service", key="service_id")
    trace = next(i for i, t in enumerate(chart.data) if t.name == "Fleet management")
    rows = behind(filters, run, spend.BARS, "spend_month", point(chart, trace, 0))
    first = monthly[monthly["service"] == "Fleet management"].iloc[0]
    assert rows.count == first["payments"] and rows.total == pytest.approx(first["amount"], abs=0.01)


def test_service_levels_a_priority_an_age_band_and_a_breach_band(run):
    filters = filters_of(run, "2024/25")
    it = service_levels.service_levels(filters, run).it
    levels = it.levels.frame
    chart = charts.levels_against_target(levels, "service", key="priority")
    p1 = [c[2] for c in chart.data[0].customdata].index("P1")
    rows = behind(filters, run, service_levels.BARS, "levels_priority", point(chart, 0, p1))
    bar = levels.set_index("priority").loc["P1"]
    assert rows.count == bar["tickets_resolved"]
    assert f"{int(bar['resolved_within_sla']):,} of {int(bar['tickets_resolved']):,} within their SLA" in rows.caption

    backlog = it.backlog.frame
    chart = charts.bands(
        backlog, "age_band", "open_tickets", colour_by="priority", key=["priority", "age_from", "age_to"]
    )
    trace = next(i for i, t in enumerate(chart.data) if t.name == "P3")
    rows = behind(filters, run, service_levels.BARS, "levels_backlog", point(chart, trace, 3))
    over_30 = backlog[(backlog["priority"] == "P3") & (backlog["band_order"] == 4)].iloc[0]
    assert rows.count == over_30["open_tickets"] > 0

    risk = it.risk.frame
    chart = charts.bands(risk, "band", "open_tickets", highlight="needs_action", key=["used_from", "used_to"])
    rows = behind(filters, run, service_levels.BARS, "levels_risk", point(chart, 0, len(risk) - 1))
    assert rows.count == risk.iloc[-1]["open_tickets"] > 0  # breached


def test_benchmarks_our_forces_bar_and_no_other(run):
    filters = filters_of(run, "2024/25")
    figures = benchmarks.benchmarks(filters, run)
    slope = figures.slope("spend_per_head").frame
    chart = charts_of_analysis.ski_slope(slope, "spend_per_head", 1.0, 1.0, True)
    ours = next(i for i, t in enumerate(chart.data) if t.name == "Our force")
    rows = behind(filters, run, benchmarks.BARS, "benchmark_slope", point(chart, ours, 0))
    home = slope[slope["role"] == "Our force"].iloc[0]
    assert rows.total == pytest.approx(home["spend"], abs=0.01)
    assert rows.total / home["population"] == pytest.approx(home["spend_per_head"])
    other = next(i for i, t in enumerate(chart.data) if t.name == "Other forces")
    assert benchmarks.BARS["benchmark_slope"].from_point("benchmark_slope", point(chart, other, 0)) is None


def test_a_link_with_a_selection_that_is_not_usable_is_refused_key_by_key():
    bar = spend.BARS["spend_month"]
    selection, bad = bar.from_url("spend_month", {"month": "2024-13-01", "service": "fleet", "colour": "red"})
    assert selection is None and sorted(bad) == ["colour", "month"]
    selection, bad = bar.from_url("spend_month", {"month": "2024-07-15", "service": "fleet"})
    assert bad == [] and selection.narrowing == {"month": "2024-07-01", "service": "fleet"}
    assert drill.KEYS["priority"]("P2") == "P2"
    with pytest.raises(ValueError):
        drill.KEYS["priority"]("P9")
