"""The board pack downloaded from the Overview: a PDF of the period shown, marked OFFICIAL on every page, with the
Overview's headline figures, recorded in the audit log before it is handed over."""

import pytest
from pypdf import PdfReader

from bsdash.governance.audit import AuditLog, audit_path
from tests.browser.conftest import wait_until_drawn

pytestmark = pytest.mark.browser


def test_the_board_pack_downloads_from_the_overview_and_is_recorded(page, dashboard_url, sample_db):
    page.goto(f"{dashboard_url}/?fy=2024-25")
    wait_until_drawn(page)
    spend_tile = page.locator('[data-testid="stMetric"]').first.locator('[data-testid="stMetricValue"]').inner_text()
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Board pack (PDF)").click()
    assert download.value.suggested_filename == "board-pack-2024-25.pdf"
    pages = [sheet.extract_text() for sheet in PdfReader(download.value.path()).pages]
    assert len(pages) >= 6
    assert all(text.count("OFFICIAL") >= 2 and "Financial year 2024/25" in text for text in pages)
    assert spend_tile.strip() in pages[0]  # the Overview's spend to date, on the pack's cover
    entries = AuditLog(audit_path(sample_db)).read(containing="board pack")
    latest = entries.iloc[0]
    assert (latest["action"], latest["file_name"], latest["outcome"]) == ("download", "board-pack-2024-25.pdf", "PDF")
    assert latest["row_count"] == len(pages)
