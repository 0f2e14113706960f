"""The pages in a real browser: each draws its charts with no error, every page in the navigation opens, a bad
link value is ignored with a notice, a clicked bar lists its payments. Screenshots of every page are kept in
tests/artifacts/pages/ for a person to look at. The users' journeys (a shared link followed, a CSV that matches
its table) are in test_journeys.py."""

import re

import pytest

from bsdash.governance import access
from tests.browser.conftest import (
    ARTIFACTS,
    click_bar_until,
    error_texts,
    open_from_sidebar,
    show_every_page,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
PAGES = {
    "": "Business services overview",
    "departments": "Departments compared",
    "spend": "Spend and budgets",
    "service_levels": "Service levels",
    "explorer": "Data explorer",
    "procurement": "Procurement and contracts",
    "assets": "Assets and licences",
    "benchmarks": "Benchmarks",
    "outsourcing": "Outsourcing before and after",
    "forecasts": "Forecasts",
}


def open_page(page, url: str) -> None:
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=90_000)
    wait_until_drawn(page)


@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_draws_its_charts_with_no_error(page, dashboard_url, path):
    open_page(page, f"{dashboard_url}/{path}?fy=2024-25")
    assert page.locator("h1").first.inner_text() == PAGES[path]
    if path != "explorer":
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=90_000)
        page.wait_for_function(  # every page draws at least three charts
            "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3", timeout=90_000
        )
    else:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=90_000)
    assert error_texts(page) == []
    shots = ARTIFACTS / "pages"
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 3600})
    page.screenshot(path=str(shots / f"{path or 'overview'}.png"))


def test_a_bad_link_value_is_ignored_with_a_notice(page, dashboard_url):
    open_page(page, f"{dashboard_url}/spend?fy=2024-25&dept=CYB&dept=DROP%20TABLE")
    warnings = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("Ignored from the link: department DROP TABLE (not a known department)" in w for w in warnings)
    assert "dept=DROP" not in page.url
    assert error_texts(page) == []


def test_every_page_in_the_sidebar_opens_with_no_error(page, dashboard_url):
    """Every page the navigation offers, including any added since this list of pages was written."""
    open_page(page, f"{dashboard_url}/?fy=2024-25")
    show_every_page(page)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    titles = [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]
    assert len(titles) >= len(PAGES)
    for title in titles:
        spec = next(spec for spec in access.PAGES if spec.title == title)
        runs = page.evaluate("window.__bsdashFinished")  # the runs the server said it finished (conftest's page)
        open_from_sidebar(page, title, spec.key)
        page.wait_for_function(f"window.__bsdashFinished > {runs}", timeout=10_000)  # and counted, a frame later
        assert page.locator("h1").first.inner_text(), f"{title} has no title"
        assert error_texts(page) == [], f"{title} shows an error"
        if spec.shared_filters:
            assert "fy=2024-25" in page.url, f"{title} lost the filters"
        else:  # a page without the filter panel: its address names no filter that does not apply to it
            assert "fy=" not in page.url and not page.get_by_role("heading", name="Filters").count(), title
    # Back from the pages without the panel, the filters are as they were.
    open_from_sidebar(page, "Overview", "")
    assert "fy=2024-25" in page.url


def test_clicking_a_bar_lists_the_payments_behind_it(page, dashboard_url, sample_con):
    open_page(page, f"{dashboard_url}/spend?fy=2024-25&dept=CYB")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    bars = chart.locator("g.point path")
    bars.first.wait_for(timeout=90_000)
    wait_until_drawn(page)
    heading = page.get_by_text("Payments behind the selection: service type IT support & maintenance")
    click_bar_until(page, bars, heading)  # the largest bar is drawn last: IT support & maintenance
    wait_until_drawn(page)
    caption = page.get_by_text(re.compile(r"^[\d,]+ payments, totalling £")).inner_text()
    total = sample_con.execute("""
        select count(*), sum(amount) from spend where department_id = 'CYB' and service_id = 'it_support'
          and paid_date between '2024-04-01' and '2025-03-31'
    """).fetchall()[0]
    assert caption == f"{total[0]:,} payments, totalling £{total[1]:,.0f}."
    page.get_by_role("button", name="Clear the selection").click()
    heading.wait_for(state="detached", timeout=90_000)


def test_a_servers_first_request_deep_linking_to_any_page_goes_through_the_router(page, sample_db, tmp_path):
    from bsdash.bench.server import start_dashboard, stop_dashboard

    process, url = start_dashboard(sample_db, tmp_path / "streamlit.log")  # a new server: no request served yet
    try:
        open_page(page, f"{url}/import")
        show_every_page(page)
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Leadership" in navigation and "Import exports" in navigation  # our sections, not a folder listing
        assert page.locator("h1").first.inner_text() == "Import exports"
        assert error_texts(page) == []
    finally:
        stop_dashboard(process)
