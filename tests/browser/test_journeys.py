"""The three users' journeys in a real browser, each a test: what each must be able to do, step by step.

- The senior leader opens the start page and reads the headline figures, their traffic lights and the charts,
  and looks behind one chart at its numbers.
- The planner opens a link a colleague shared (a department and a year), changes the year, compares two
  departments, and the address follows every step so that the view can be shared on.
- The analyst downloads a chart's table and the data explorer's as CSV (the files, marked OFFICIAL, hold what
  the tables show) and reads there which named query, parameters and SQL produced them.

The analyst's import through the Import page, and the new payment found at once, is in test_import.py. A failing
step leaves a screenshot in tests/artifacts/.
"""

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from bsdash import formatting as fmt
from bsdash.governance.downloads import neutralise
from bsdash.store.queries import Registry
from tests.browser.conftest import downloaded_rows, error_texts, new_context, rerun, wait_until_drawn

pytestmark = pytest.mark.browser
AS_AT = date(2026, 1, 31)  # the sample's last day


def query(con, name: str, **params):
    return Registry().run(con, name, params)


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def caption(page) -> str:
    return page.locator('[data-testid="stCaptionContainer"]').first.inner_text()


def pick(page, label: str, option: str) -> None:
    """Choose in a select box or multiselect (a combobox with a virtualised list): type, then click the option
    whose text starts with `option`."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    with rerun(page):
        # playwright writes the pattern between slashes: a slash in it must be escaped too
        page.get_by_role("option", name=re.compile("^" + re.escape(option).replace("/", r"\/"))).click()
    page.keyboard.press("Escape")  # a multiselect keeps its list open over the page


def grid_rows(grid) -> list[list[str]]:
    """A dataframe's rows as text, from the grid's accessible table (present, though not visible)."""
    grid.locator('[role="row"]').nth(1).wait_for(state="attached", timeout=90_000)
    rows = grid.locator('[role="row"]')
    return [
        rows.nth(i).locator('[role="columnheader"], [role="gridcell"]').all_inner_texts() for i in range(rows.count())
    ]


def same_as_downloaded(shown: list[list[str]], content: str) -> None:
    """The CSV holds its OFFICIAL marking, then the table's header and rows: text as shown (a text a spreadsheet
    would run as a formula with an apostrophe before it), figures to the penny."""
    marking, *downloaded = downloaded_rows(content)
    assert marking == ["OFFICIAL"]
    assert downloaded[0] == shown[0]
    assert len(downloaded) == len(shown)
    for on_screen, in_file in zip(shown[1:], downloaded[1:], strict=True):
        for screen_value, file_value in zip(on_screen, in_file, strict=True):
            number = screen_value.replace(",", "").replace("£", "").removesuffix("%")
            if re.fullmatch(r"-?\d+(\.\d+)?", number) and re.fullmatch(r"-?\d+(\.\d+)?", file_value):
                assert float(file_value) == pytest.approx(float(number), abs=0.01)
            else:
                assert file_value == neutralise(screen_value)


def test_the_senior_leader_reads_the_headline_figures_and_the_charts(page, dashboard_url, sample_con):
    page.goto(dashboard_url)
    wait_until_drawn(page)
    assert page.locator("h1").first.inner_text() == "Business services overview"
    assert "Financial year 2025/26, to 31/01/2026" in caption(page)
    assert "data as at 31/01/2026" in caption(page)

    # Six headline figures, each with its value; those with a target carry a traffic light in words.
    tiles = page.locator('[data-testid="stMetric"]')
    assert tiles.count() == 6
    labels = [tiles.nth(i).locator('[data-testid="stMetricLabel"]').inner_text() for i in range(6)]
    assert labels[:3] == ["Spend to date", "Forecast outturn", "IT SLA compliance"]
    figures = query(sample_con, "headline_figures", date_from="2025-04-01", date_to="2026-03-31", as_at=AS_AT)
    spend = tiles.filter(has_text="Spend to date").locator('[data-testid="stMetricValue"]').inner_text()
    assert spend == fmt.money_short(figures.iloc[0]["spend"])
    compliance = tiles.filter(has_text="IT SLA compliance").locator('[data-testid="stMetricValue"]').inner_text()
    assert compliance == fmt.percent(figures.iloc[0]["sla_compliance"])
    lights = [text.split()[-1] for text in page.locator(".stMarkdownBadge:visible").all_inner_texts()]
    assert len(lights) >= 5  # every tile but the spend to date, which has no target of its own
    assert set(lights) <= {"track", "Watch", "Act"}

    # What changed, in sentences, and the charts under it.
    page.get_by_role("heading", name="What changed").wait_for()
    assert (
        "Spend to date is £"
        in page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="Spend to date is").first.inner_text()
    )
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() >= 4
    assert all(charts.nth(i).locator(".main-svg").count() for i in range(charts.count()))

    # "Why?": the numbers behind the spend chart are a tab away, largest service first.
    section = page.locator('[data-testid="stVerticalBlock"]').filter(
        has=page.get_by_role("heading", name="Spend by service type")
    )
    section.get_by_role("tab", name="Table").first.click()
    rows = grid_rows(section.locator('[data-testid="stDataFrame"]').first)
    by_service = query(sample_con, "spend_by_service", date_from="2025-04-01", date_to="2026-03-31")
    assert rows[0] == ["Service type", "Spend (£)", "Payments", "Share (%)"]
    assert [row[0] for row in rows[1:]] == list(by_service["service"])
    assert error_texts(page) == []


def test_the_planner_opens_a_shared_link_changes_the_year_and_compares_two_departments(
    page, browser, dashboard_url, sample_con
):
    # The link a colleague sent: spend of the Cyber Crime Unit in 2023/24.
    page.goto(f"{dashboard_url}/spend?fy=2023-24&dept=CYB")
    wait_until_drawn(page)
    assert "Financial year 2023/24 · Cyber Crime Unit ·" in caption(page)
    spend = query(sample_con, "spend_by_service", date_from="2023-04-01", date_to="2024-03-31", departments=["CYB"])
    assert page.get_by_text(f"{fmt.money(spend['amount'].sum())} in").first.is_visible()

    # The year changes; the department stays, and the address says both.
    pick(page, "Financial year", "2024/25")
    assert url_params(page)["fy"] == ["2024-25"] and url_params(page)["dept"] == ["CYB"]
    assert "Financial year 2024/25 · Cyber Crime Unit ·" in caption(page)
    spend = query(sample_con, "spend_by_service", date_from="2024-04-01", date_to="2025-03-31", departments=["CYB"])
    assert page.get_by_text(f"{fmt.money(spend['amount'].sum())} in").first.is_visible()

    # To the departments: the filters come along; the Cyber Crime Unit against Canterbury's neighbourhood team.
    with rerun(page):
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Departments").click()
    assert urlparse(page.url).path.endswith("/departments")
    assert url_params(page)["fy"] == ["2024-25"] and url_params(page)["dept"] == ["CYB"]
    compared = page.get_by_role("combobox", name="Departments to compare (two to four)")
    chosen = page.locator('[data-testid="stMultiSelect"]').filter(has=compared)
    with rerun(page):
        chosen.get_by_role("button", name=re.compile("Maidstone")).first.click()  # the chip's remove button
    pick(page, "Departments to compare (two to four)", "Canterbury")
    assert url_params(page)["compare"] == ["CYB", "NPT-CAN"]
    table = page.locator('[data-testid="stVerticalBlock"]').filter(
        has=page.get_by_role("heading", name="Spend per FTE by service type")
    )
    table.get_by_role("tab", name="Table").first.click()
    departments = {row[0] for row in grid_rows(table.locator('[data-testid="stDataFrame"]').first)[1:]}
    assert departments == {"Cyber Crime Unit", "Canterbury Neighbourhood Policing Team"}
    assert page.locator('[data-testid="stAlertContentInfo"]').first.inner_text().strip()  # the sentence on them
    assert error_texts(page) == []

    # Shared on: a colleague opening the address sees the same comparison.
    context = new_context(browser)
    try:
        other = context.new_page()
        other.goto(page.url)
        wait_until_drawn(other)
        assert "Financial year 2024/25 · Cyber Crime Unit ·" in caption(other)
        chips = other.locator('[data-testid="stMultiSelect"]').filter(
            has=other.get_by_role("combobox", name="Departments to compare (two to four)")
        )
        assert "Canterbury" in chips.inner_text() and "Maidstone" not in chips.inner_text()
    finally:
        context.close()


def test_the_analyst_downloads_tables_as_csv_and_reads_how_they_were_made(page, dashboard_url, sample_con):
    # A chart's table twin, downloaded: the file holds the figures on screen.
    page.goto(f"{dashboard_url}/?fy=2024-25&dept=CYB")
    wait_until_drawn(page)
    page.get_by_role("tab", name="Table").first.click()
    shown = grid_rows(page.locator('[data-testid="stDataFrame"]').first)
    assert shown[0] == ["Service type", "Spend (£)", "Payments", "Share (%)"] and len(shown) > 2
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    same_as_downloaded(shown, download.value.path().read_text(encoding="utf-8-sig"))

    # The data explorer: a named query with the same filters, as a table, as CSV, with its SQL beside it.
    with rerun(page):
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data explorer").click()
    assert page.locator("h1").first.inner_text() == "Data explorer"
    pick(page, "Dataset or named query", "spend_by_department: ")
    assert url_params(page)["explore"] == ["spend_by_department"]
    expected = query(
        sample_con, "spend_by_department", date_from="2024-04-01", date_to="2025-03-31", departments=["CYB"]
    )
    page.get_by_text(f"{len(expected):,} rows").first.wait_for()
    shown = grid_rows(page.locator('[data-testid="stDataFrame"]').first)
    assert len(shown) == len(expected) + 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()
    assert download.value.suggested_filename.startswith("spend_by_department-")
    same_as_downloaded(shown, download.value.path().read_text(encoding="utf-8-sig"))
    code = page.locator('[data-testid="stCode"]').all_inner_texts()
    assert any('"date_from": "2024-04-01"' in text and '"CYB"' in text for text in code)
    assert any("from spend_totals_in($date_from, $date_to, $departments, $services)" in text for text in code)
    assert page.get_by_text("python -m bsdash query spend_by_department").first.is_visible()

    # The payments themselves: the explorer's first dataset, at most the row limit, largest first.
    pick(page, "Dataset or named query", "Payments (spend over £500)")
    payments = page.locator('[data-testid="stDataFrame"]').first
    rows = grid_rows(payments)
    assert rows[0][:3] == ["Transaction number", "Paid date", "Department"]
    assert all(row[2] == "Cyber Crime Unit" for row in rows[1:])
    assert error_texts(page) == []
