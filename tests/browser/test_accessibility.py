"""WCAG 2.2 AA in a real browser: axe-core (pinned in tests/browser/package.json, installed by tests/run) finds no
serious or critical violation on any page, in the light theme and in the dark one chosen in the app's menu; every
chart is named by what its figures show; a keyboard reaches every filter and every download of the Overview in
fewer presses of Tab than before this work."""

from pathlib import Path

import pytest

from bsdash.governance.access import PAGES
from tests.browser.conftest import rerun, wait_until_drawn
from tests.browser.keyboard import walk

pytestmark = pytest.mark.browser
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FILTERS = {"Period", "Financial year", "Departments", "Service types", "Provider type"}
# Tab presses from the top of the Overview (2024/25, 1440 x 1000) until every filter and every download had the
# focus, counted with tests/browser/keyboard.py at the start of this work (4544e90): 79, the downloads then being
# inside each chart's Table tab (which had to be opened) behind the table's own toolbar and grid. Now: 45, with
# the board pack's download besides.
PRESSES_BEFORE = 79


def serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: tests/run installs it (npm ci --prefix tests/browser).")
    page.add_script_tag(path=str(AXE))
    page.wait_for_timeout(1000)  # the page's own script names charts and icons on its next frame
    found = page.evaluate(
        """async (tags) => {
      const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
      return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`);
    }""",
        WCAG,
    )
    return found


def open_page(page, url: str) -> None:
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=90_000)
    wait_until_drawn(page)


@pytest.mark.parametrize("key", [spec.key for spec in PAGES], ids=[spec.key or "overview" for spec in PAGES])
def test_no_page_has_a_serious_or_critical_accessibility_violation(page, dashboard_url, key):
    open_page(page, f"{dashboard_url}/{key}?fy=2024-25")
    assert serious_violations(page) == []


def test_every_chart_is_named_by_what_its_figures_show(page, dashboard_url):
    open_page(page, f"{dashboard_url}/spend?fy=2024-25")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    names = [charts.nth(i).get_attribute("aria-label") or "" for i in range(charts.count())]
    assert len(names) >= 6 and all(names)
    capital = next(name for name in names if name.startswith("Capital and revenue by month"))
    assert "12 months; highest March 2025 £11.2m" in capital and "Revenue £75.2m, Capital £25.6m" in capital
    # The drawing itself is hidden from assistive technology: its tick labels are not read out.
    page.wait_for_function(
        "[...document.querySelectorAll('.stPlotlyChart .js-plotly-plot')].every(p => p.getAttribute('aria-hidden'))"
    )
    assert page.locator(".modebar-btn").count() == 0  # no chart toolbar to tab through


def test_the_dark_theme_is_chosen_in_the_app_and_stays_accessible(page, dashboard_url):
    open_page(page, f"{dashboard_url}/?fy=2024-25")
    page.get_by_role("button", name="Main menu").click()
    page.get_by_role("menuitemradio", name="Dark").click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => {
      const [r, g, b] = getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor
        .match(/\\d+/g).map(Number);
      return r + g + b < 150;
    }"""
    )
    assert serious_violations(page) == []


def test_a_keyboard_reaches_every_filter_and_download_of_the_overview_in_fewer_presses(page, dashboard_url):
    open_page(page, f"{dashboard_url}/?fy=2024-25")
    downloads = page.locator('[data-testid="stDownloadButton"]').count()
    assert downloads == 9  # the board pack, and CSV and Excel of each of the four charts
    result = walk(page, FILTERS, downloads, opening=rerun)
    assert set(result.first("filter")) == FILTERS
    assert len(result.first("download")) == downloads
    assert result.presses < PRESSES_BEFORE, result.stops
    focus = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focus != "none"  # where the focus is can be seen
