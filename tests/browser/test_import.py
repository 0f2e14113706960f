"""The analyst's import in a real browser: upload a file on the Import page, confirm, read the report, and find
the new payment on the pages at once (the analyst's journey of test_journeys.py, continued)."""

import re
import shutil

import pytest

from bsdash import formatting as fmt
from bsdash.store.queries import Registry
from tests.browser.conftest import error_texts, rerun, start_dashboard, stop_dashboard, wait_until_drawn
from tests.ingest.corpus import lines, row

pytestmark = pytest.mark.browser


@pytest.fixture
def writable_dashboard(sample_db, tmp_path):
    """A dashboard of its own, on a copy of the sample: this test writes to its database."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, copy)
    process, url = start_dashboard(copy, tmp_path / "streamlit.log", {"BSDASH_MAPPINGS": str(tmp_path / "mappings")})
    yield url
    stop_dashboard(process)


def test_an_analyst_uploads_an_export_and_reads_the_report(page, writable_dashboard, tmp_path, sample_con):
    before = Registry().run(
        sample_con, "spend_by_service", {"date_from": "2025-04-01", "date_to": "2026-03-31", "departments": ["CYB"]}
    )
    export = tmp_path / "spend-2026-01.csv"
    export.write_text(lines(row("AP9301", date="14/01/2026"), row("AP9302", amount="twelve")), encoding="utf-8")
    page.goto(f"{writable_dashboard}/import")
    wait_until_drawn(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    preview = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Read as CSV, UTF-8.")
    preview.wait_for(timeout=30_000)
    page.get_by_role("button", name="Import 1 file").click()
    report = page.locator('[data-testid="stMetric"]').filter(has_text="Rows read")
    report.wait_for(timeout=60_000)
    wait_until_drawn(page)
    assert "2" in report.inner_text()
    assert "1" in page.locator('[data-testid="stMetric"]').filter(has_text="Quarantined").inner_text()
    reasons = page.locator('[data-testid="stTable"]').inner_text()
    assert "Amount 'twelve' is not an amount of money" in reasons
    assert error_texts(page) == []

    # The new payment counts at once: the spend page of the Cyber Crime Unit has it in its total.
    page.goto(f"{writable_dashboard}/spend?fy=2025-26&dept=CYB")
    wait_until_drawn(page)
    total = fmt.money(before["amount"].sum() + 100)
    payments = fmt.count(before["payments"].sum() + 1)
    page.get_by_text(f"{total} in {payments} payments").first.wait_for(timeout=30_000)

    # And the data explorer lists the import, newest first, with what happened to its rows.
    with rerun(page):
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data explorer").click()
    box = page.get_by_role("combobox", name="Dataset or named query")
    box.click()
    box.fill("Imports")
    with rerun(page):
        page.get_by_role("option", name=re.compile(r"^Imports")).click()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="row"]').nth(1).wait_for(state="attached", timeout=60_000)
    newest = grid.locator('[role="row"]').nth(1).locator('[role="gridcell"]').all_inner_texts()
    assert "spend-2026-01.csv" in newest
    assert error_texts(page) == []
