"""A click on a bar, as a person makes it, on the Overview, Departments, Service levels and Benchmarks (the Spend
page's is in test_pages.py): the rows behind it are listed under the chart, scrolled into view, their count and
total are the bar's, and the selection is in the address."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import click_bar_until, error_texts, wait_until_drawn

pytestmark = pytest.mark.browser
FY = "paid_date between '2024-04-01' and '2025-03-31'"


def open_and_click(page, url: str, chart: int, heading: re.Pattern, trace: int | None = None) -> str:
    page.goto(url)
    wait_until_drawn(page)
    plot = page.locator('[data-testid="stPlotlyChart"]').nth(chart)
    bars = (plot.locator("g.trace.bars").nth(trace) if trace is not None else plot).locator("g.point path")
    bars.first.wait_for(timeout=90_000)
    plot.scroll_into_view_if_needed()  # as a person scrolls down to the chart before clicking it
    wait_until_drawn(page)
    title = page.get_by_role("heading", name=heading)
    click_bar_until(page, bars, title)
    wait_until_drawn(page)
    assert title.is_visible()
    box = title.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "the rows are scrolled into view"
    assert error_texts(page) == []
    return title.inner_text()


def caption_after(page, pattern: str) -> str:
    return page.get_by_text(re.compile(pattern)).first.inner_text()


def test_the_overviews_largest_service_bar(page, dashboard_url, sample_con):
    open_and_click(page, f"{dashboard_url}/?fy=2024-25", 0, re.compile("^Payments behind the selection: service type"))
    count, total = sample_con.execute(
        f"select count(*), sum(amount) from spend where service_id = 'it_support' and {FY}"
    ).fetchall()[0]
    assert caption_after(page, r"^[\d,]+ payments, totalling").startswith(
        f"{count:,} payments, totalling £{total:,.0f}."
    )
    query = parse_qs(urlparse(page.url).query)
    assert query["drill"] == ["overview_spend"] and query["drill.service"] == ["it_support"]


def test_a_departments_ticket_demand_bar(page, dashboard_url, sample_con):
    heading = open_and_click(
        page,
        f"{dashboard_url}/departments?fy=2024-25",
        1,
        re.compile("^Tickets behind the selection: tickets raised by"),
    )
    name = heading.removeprefix("Tickets behind the selection: tickets raised by ")
    count = sample_con.execute(
        "select count(*) from tickets t join departments d using (department_id) "
        "where d.name = ? and t.opened_at::date between '2024-04-01' and '2025-03-31'",
        [name],
    ).fetchall()[0][0]
    assert caption_after(page, r"^[\d,]+ tickets") == f"{count:,} tickets."


def test_the_service_levels_p1_bar(page, dashboard_url, sample_con):
    open_and_click(
        page, f"{dashboard_url}/service_levels?fy=2024-25", 0, re.compile("^Tickets behind the selection: P1 tickets")
    )
    resolved, within = sample_con.execute("""
        select count(*), count(*) filter (where sla_met) from tickets
        where priority = 'P1' and state in ('resolved', 'closed')
          and coalesce(resolved_at, closed_at)::date between '2024-04-01' and '2025-03-31'
    """).fetchall()[0]
    assert caption_after(page, r"^[\d,]+ tickets, ").startswith(
        f"{resolved:,} tickets, {within:,} of {resolved:,} within"
    )


def test_our_forces_bar_on_the_ski_slope(page, dashboard_url, sample_con):
    open_and_click(
        page,
        f"{dashboard_url}/benchmarks?fy=2024-25",
        0,
        re.compile("^Payments behind the selection: our force"),
        trace=0,
    )
    count, total = sample_con.execute(f"select count(*), sum(amount) from spend where {FY}").fetchall()[0]
    assert caption_after(page, r"^[\d,]+ payments, totalling").startswith(
        f"{count:,} payments, totalling £{total:,.0f}."
    )
