"""The start page in a real browser: it draws its figures and chart with no error on the page."""

import pytest

from bsdash import formatting as fmt
from bsdash.queries import Registry
from tests.browser.conftest import error_texts, wait_until_drawn

pytestmark = pytest.mark.browser


def test_the_start_page_shows_headline_figures_and_a_chart(page, dashboard_url, sample_con):
    page.goto(dashboard_url)
    wait_until_drawn(page)
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=90_000)
    assert error_texts(page) == []
    spend = (
        Registry()
        .run(
            sample_con, "headline_figures", {"date_from": "2025-04-01", "date_to": "2026-03-31", "as_at": "2026-01-31"}
        )
        .iloc[0]["spend"]
    )
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Spend to date")
    assert fmt.money_short(spend) in metric.inner_text()
    assert "data as at 31/01/2026" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
