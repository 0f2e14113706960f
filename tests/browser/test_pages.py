"""The pages in a real browser: charts drawn with no error, filters kept in the URL, downloads that match the
tables on screen. Screenshots of every page are kept in tests/artifacts/pages/ for a person to look at."""

import csv
import io
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ARTIFACTS, error_texts, wait_until_drawn

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


def test_a_shared_link_opens_on_its_filters_and_the_url_follows_every_change(page, dashboard_url):
    open_page(page, f"{dashboard_url}/service_levels?fy=2023-24&dept=FCR")
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "Financial year 2023/24 · Force Control Room ·" in caption
    year = page.get_by_role("combobox", name="Financial year")
    year.click()
    year.fill("2024/25")
    page.get_by_role("option", name="2024/25").click()
    page.wait_for_url(re.compile(r"fy=2024-25"))
    wait_until_drawn(page)
    assert "dept=FCR" in page.url
    page.get_by_role("link", name="Departments").click()
    page.wait_for_url(re.compile(r"/departments\?"))
    wait_until_drawn(page)
    assert "fy=2024-25" in page.url and "dept=FCR" in page.url
    assert (
        "Financial year 2024/25 · Force Control Room ·"
        in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    )


def test_a_bad_link_value_is_ignored_with_a_notice(page, dashboard_url):
    open_page(page, f"{dashboard_url}/spend?fy=2024-25&dept=CYB&dept=DROP%20TABLE")
    warnings = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("Ignored from the link: department 'DROP TABLE'" in w for w in warnings)
    assert "dept=DROP" not in page.url
    assert error_texts(page) == []


def grid_rows(grid) -> list[list[str]]:
    rows = grid.locator('[role="row"]')
    return [
        rows.nth(i).locator('[role="columnheader"], [role="gridcell"]').all_inner_texts() for i in range(rows.count())
    ]


def test_a_csv_downloaded_from_a_charts_table_holds_the_figures_on_screen(page, dashboard_url):
    open_page(page, f"{dashboard_url}/?fy=2024-25&dept=CYB")
    page.get_by_role("tab", name="Table").first.click()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="row"]').nth(2).wait_for(state="attached", timeout=90_000)  # the grid's hidden a11y table
    shown = grid_rows(grid)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    downloaded = list(csv.reader(io.StringIO(content)))
    assert downloaded[0] == shown[0] == ["Service type", "Spend (£)", "Payments", "Share (%)"]
    assert len(downloaded) == len(shown) > 2
    for on_screen, in_file in zip(shown[1:], downloaded[1:], strict=True):
        assert in_file[0] == on_screen[0]
        for screen_value, file_value in zip(on_screen[1:], in_file[1:], strict=True):
            assert float(file_value) == pytest.approx(float(screen_value), abs=0.01)


def test_clicking_a_bar_lists_the_payments_behind_it(page, dashboard_url, sample_con):
    open_page(page, f"{dashboard_url}/spend?fy=2024-25&dept=CYB")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    bars = chart.locator("g.point path")
    bars.first.wait_for(timeout=90_000)
    wait_until_drawn(page)
    heading = page.get_by_text("Payments behind the selection: service type IT support & maintenance")
    for _ in range(3):  # on a loaded machine Plotly may attach its click handler after the bars are drawn
        box = bars.last.bounding_box()  # the largest bar is drawn last: IT support & maintenance
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # where a person clicks
        try:
            heading.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            continue
    heading.wait_for(timeout=30_000)
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
    from tests.browser.conftest import start_dashboard, stop_dashboard

    process, url = start_dashboard(sample_db, tmp_path / "streamlit.log")  # a new server: no request served yet
    try:
        open_page(page, f"{url}/import")
        navigation = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Leadership" in navigation and "Import exports" in navigation  # our sections, not a folder listing
        assert page.locator("h1").first.inner_text() == "Import exports"
        assert error_texts(page) == []
    finally:
        stop_dashboard(process)
