"""Sign-in, roles and the audit log in a real browser, against a local OpenID Connect provider.

The dashboard runs with sign-in required (`signed_in_dashboard` in conftest.py); people sign in through the
provider's page as they would through Microsoft's. Not signed in, no page shows anything but the sign-in screen;
a planner has neither the Import nor the Audit page and sees payments only of their own department, while the
force-wide figures stay; an analyst's download is recorded once in the audit log, which an administrator reads
and downloads; a supplier named like a spreadsheet formula leaves as plain text.
"""

import hashlib
import json
import re

import openpyxl
import pytest

from bsdash import formatting as fmt
from bsdash.governance import access
from bsdash.governance.audit import AuditLog
from bsdash.store.db import connect
from bsdash.store.queries import Registry
from tests.browser.conftest import (
    HOSTILE_PAYMENT,
    HOSTILE_SUPPLIER,
    PEOPLE,
    click_bar_until,
    downloaded_rows,
    error_texts,
    excel_header_row,
    show_every_page,
    sign_in,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
SIGN_IN_TITLE = "Business services dashboard"
# Whatever would show data: charts, headline figures, tables, downloads, uploads.
DATA_ELEMENTS = (
    '[data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"], '
    '[data-testid="stTable"], [data-testid="stDownloadButton"], [data-testid="stFileUploader"]'
)


def open_page(page, url: str) -> None:
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=90_000)
    wait_until_drawn(page)


def navigation_titles(page) -> list[str]:
    show_every_page(page)
    links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    return [text.strip().splitlines()[-1].strip() for text in links]


def audit_entries(dashboard):
    return AuditLog(dashboard.audit).read()


def test_nobody_signed_in_sees_only_the_sign_in_screen_whatever_page_the_link_names(page, signed_in_dashboard):
    for spec in access.PAGES:
        open_page(page, f"{signed_in_dashboard.url}/{spec.key}?fy=2024-25&dept=CYB&explore=payments")
        assert page.locator("h1").first.inner_text() == SIGN_IN_TITLE, f"/{spec.key} shows more than sign-in"
        assert page.get_by_role("button", name="Sign in with Microsoft").is_visible()
        assert page.locator(DATA_ELEMENTS).count() == 0, f"/{spec.key} shows data to nobody"
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0, "the pages are listed to nobody"
        shown = page.locator("body").inner_text()
        assert "£" not in shown and not re.search(r"\d", shown), f"/{spec.key} shows a figure: {shown!r}"
        assert error_texts(page) == []


def test_someone_the_provider_knows_but_with_no_role_is_not_let_in(page, signed_in_dashboard):
    sign_in(page, signed_in_dashboard, "visitor")
    message = " ".join(error_texts(page))
    assert "You are signed in as visitor@kent.police.uk, but have no role in this dashboard" in message
    assert page.locator(DATA_ELEMENTS).count() == 0
    assert page.locator('[data-testid="stSidebarNavLink"]').count() == 0


def test_a_planner_has_no_import_or_audit_page_even_by_address(page, signed_in_dashboard):
    sign_in(page, signed_in_dashboard, "planner")
    assert page.locator("h1").first.inner_text() == "Business services overview"
    assert page.get_by_text("Signed in as Alex Planner (planner · CYB)").is_visible()
    titles = navigation_titles(page)
    assert {"Overview", "Spend & budgets", "Data explorer"} <= set(titles)
    assert not {"Import exports", "Reference mapping", "Audit log"} & set(titles)

    for path, title in (
        ("import", "Import exports"),
        ("audit", "Audit log"),
        ("reference_mapping", "Reference mapping"),
    ):
        open_page(page, f"{signed_in_dashboard.url}/{path}")
        assert page.locator("h1").first.inner_text() == title
        refusal = " ".join(error_texts(page))
        assert f"{title} is not open to your role (planner)" in refusal
        assert page.locator(DATA_ELEMENTS).count() == 0, f"/{path} shows something to a planner"


def test_a_planner_sees_other_departments_totals_but_not_their_payments(page, signed_in_dashboard):
    database = connect(signed_in_dashboard.database, read_only=True)
    try:
        totals = Registry().run(
            database,
            "spend_by_service",
            {"date_from": "2024-04-01", "date_to": "2025-03-31", "departments": ["NPT-CAN"]},
        )
    finally:
        database.close()
    assert totals["payments"].sum() > 0  # Canterbury's team has payments that year: they exist, and are withheld
    sign_in(page, signed_in_dashboard, "planner")

    # Canterbury's neighbourhood team: the force-wide figures are there, to the pound...
    open_page(page, f"{signed_in_dashboard.url}/spend?fy=2024-25&dept=NPT-CAN")
    summary = f"{fmt.money(totals['amount'].sum())} in {fmt.count(totals['payments'].sum())} payments"
    assert page.get_by_text(summary).first.is_visible()
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 3

    # ...but clicking a bar lists none of its payments, and says why.
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path")
    bars.first.wait_for(timeout=90_000)
    heading = page.get_by_text(re.compile("^Payments behind the selection: service type"))
    click_bar_until(page, bars, heading)
    wait_until_drawn(page)
    assert page.get_by_text("No payments behind this selection with the current filters.").is_visible()
    assert page.get_by_text("Rows are limited to your departments (Cyber Crime Unit)").is_visible()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0

    # The data explorer, asked by address for Canterbury's payments and tickets, has no rows to give.
    for dataset in ("payments", "ticket_list"):
        open_page(page, f"{signed_in_dashboard.url}/explorer?fy=2024-25&dept=NPT-CAN&explore={dataset}")
        assert page.get_by_text(re.compile(r"^0 rows$")).is_visible(), dataset
        assert page.get_by_text("No rows for these filters.").is_visible(), dataset

    # Unfiltered, it lists the planner's own department's payments only.
    open_page(page, f"{signed_in_dashboard.url}/explorer?fy=2024-25&explore=payments")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="row"]').nth(1).wait_for(state="attached", timeout=90_000)
    rows = grid.locator('[role="row"]')
    departments = {rows.nth(i).locator('[role="gridcell"]').nth(2).inner_text() for i in range(1, rows.count())}
    assert departments == {"Cyber Crime Unit"}
    assert error_texts(page) == []


def test_an_analysts_download_is_recorded_once_in_the_audit_log(page, signed_in_dashboard):
    sign_in(page, signed_in_dashboard, "analyst")
    open_page(page, f"{signed_in_dashboard.url}/explorer?fy=2024-25&dept=CYB&explore=payments")
    before = audit_entries(signed_in_dashboard)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download CSV").click()
    content = download.value.path().read_bytes()
    rows = downloaded_rows(content.decode("utf-8-sig"))
    assert rows[0] == ["OFFICIAL"]
    assert rows[1][:3] == ["Transaction number", "Paid date", "Department"]
    assert len(rows) > 100 and {row[2] for row in rows[2:]} == {"Cyber Crime Unit"}

    after = audit_entries(signed_in_dashboard)
    assert len(after) == len(before) + 1
    entry = after.iloc[0]  # newest first
    assert (entry["who"], entry["role"], entry["action"]) == (PEOPLE["analyst"]["email"], "analyst", "download")
    assert entry["what"] == "payments"
    assert entry["file_name"] == download.value.suggested_filename
    assert entry["row_count"] == len(rows) - 2  # the rows under the marking and the headers
    assert entry["sha256"] == hashlib.sha256(content).hexdigest()  # exactly the bytes that left
    assert entry["place"] == "/explorer"
    parameters = json.loads(entry["parameters"])
    assert parameters["departments"] == ["CYB"] and parameters["date_from"] == "2024-04-01"


def test_a_supplier_named_like_a_formula_leaves_as_text_in_csv_and_excel(page, signed_in_dashboard, tmp_path):
    sign_in(page, signed_in_dashboard, "analyst")
    open_page(page, f"{signed_in_dashboard.url}/explorer?fy=2024-25&dept=CYB&explore=payments")
    # The hostile supplier's payment is the year's largest: first in the list.
    first = page.locator('[data-testid="stDataFrame"]').first.locator('[role="row"]').nth(1)
    first.wait_for(state="attached", timeout=90_000)
    assert first.locator('[role="gridcell"]').first.inner_text() == HOSTILE_PAYMENT

    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = downloaded_rows(download.value.path().read_text(encoding="utf-8-sig"))
    assert rows[0] == ["OFFICIAL"]
    supplier = rows[1].index("Supplier")
    hostile = next(row for row in rows[2:] if row[0] == HOSTILE_PAYMENT)
    assert hostile[supplier] == "'" + HOSTILE_SUPPLIER  # shown as text by Excel and LibreOffice, never run
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)

    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download Excel").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "OFFICIAL" and book.properties.category == "OFFICIAL"
    assert sheet.oddHeader.center.text == "OFFICIAL" and sheet.oddFooter.center.text == "OFFICIAL"
    header = excel_header_row(sheet)
    headers = [cell.value for cell in sheet[header]]
    row = next(r for r in sheet.iter_rows(min_row=header + 1) if r[0].value == HOSTILE_PAYMENT)
    cell = row[headers.index("Supplier")]
    assert cell.value == HOSTILE_SUPPLIER  # the name as it is...
    assert cell.data_type == "s" and cell.quotePrefix  # ...as text, which Excel will not run even when edited
    amount = row[headers.index("Spend (£)")]
    assert amount.data_type == "n" and amount.value == pytest.approx(9_999_999)  # while money stays a number


def test_an_administrator_reads_the_audit_log_and_downloads_it(page, signed_in_dashboard):
    sign_in(page, signed_in_dashboard, "administrator")
    assert "Audit log" in navigation_titles(page)
    open_page(page, f"{signed_in_dashboard.url}/explorer?fy=2024-25&explore=spend_by_department")
    with page.expect_download(timeout=90_000):
        page.get_by_role("button", name="Download CSV").click()

    open_page(page, f"{signed_in_dashboard.url}/audit")
    assert page.locator("h1").first.inner_text() == "Audit log"
    entries = audit_entries(signed_in_dashboard)
    assert page.get_by_text(re.compile(rf"^{len(entries):,} entr(y|ies)$")).is_visible()
    grid = page.locator('[data-testid="stDataFrame"]').first
    newest = grid.locator('[role="row"]').nth(1)
    newest.wait_for(state="attached", timeout=90_000)
    assert {PEOPLE["administrator"]["email"], "download", "spend_by_department"} <= set(
        newest.locator('[role="gridcell"]').all_inner_texts()
    )

    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = downloaded_rows(download.value.path().read_text(encoding="utf-8-sig"))
    assert rows[0] == ["OFFICIAL"] and rows[1][:3] == ["Entry", "When", "Who"]
    assert len(rows) - 2 == len(entries)
    newest = audit_entries(signed_in_dashboard).iloc[0]  # downloading the log is recorded too
    assert (newest["who"], newest["what"], newest["place"]) == (PEOPLE["administrator"]["email"], "audit_log", "/audit")
    assert error_texts(page) == []
