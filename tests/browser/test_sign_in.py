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
from urllib.parse import parse_qs, urlparse

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
    sign_in_here,
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


def landed_on(page, dashboard, path: str) -> dict[str, list[str]]:
    """Wait until sign-in has brought the person to `path` of the dashboard and the page is drawn; its query."""
    page.wait_for_url(re.compile(re.escape(f"{dashboard.url}/{path}") + r"(\?.*)?$"), timeout=90_000)
    wait_until_drawn(page)
    return parse_qs(urlparse(page.url).query)


def caption_of(page) -> str:
    """The line under the page's title that says which period and filters its figures are for."""
    return page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()


def chips(page, label: str) -> str:
    """What a multiselect shows as chosen."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has=page.get_by_role("combobox", name=label))
    return box.locator("[data-tag]").evaluate_all("tags => tags.map(tag => tag.getAttribute('aria-label'))")


@pytest.mark.parametrize(
    ("link", "caption", "compared"),
    [
        # The planner's link of the issue: a year, their department in the panel, two departments compared.
        (
            "departments?fy=2024-25&dept=CYB&compare=CYB&compare=NPT-MAI",
            "Financial year 2024/25 · Cyber Crime Unit ·",
            ["Cyber Crime Unit", "Maidstone Neighbourhood Policing Team"],
        ),
        # Three compared that the page would never choose itself, so the comparison can only come from the link.
        (
            "departments?fy=2023-24&compare=NPT-CAN&compare=NPT-DAR&compare=NPT-THA",
            "Financial year 2023/24 · all departments ·",
            [
                "Canterbury Neighbourhood Policing Team",
                "Dartford Neighbourhood Policing Team",
                "Thanet Neighbourhood Policing Team",
            ],
        ),
    ],
    ids=["year-department-two-compared", "year-three-compared"],
)
def test_a_shared_departments_link_survives_sign_in(page, signed_in_dashboard, link, caption, compared):
    asked = parse_qs(urlparse(link).query)
    sign_in(page, signed_in_dashboard, "planner", link=f"{signed_in_dashboard.url}/{link}")
    query = landed_on(page, signed_in_dashboard, "departments")
    assert page.locator("h1").first.inner_text() == "Departments compared"
    assert caption in caption_of(page)
    assert chips(page, "Departments to compare (two to four)") == compared
    assert query["fy"] == asked["fy"] and query.get("dept") == asked.get("dept")
    assert page.get_by_text("Signed in as Alex Planner (planner · CYB)").is_visible()
    assert error_texts(page) == []

    # The link is followed once: the start page, opened afterwards, stays the start page.
    open_page(page, f"{signed_in_dashboard.url}/")
    assert page.locator("h1").first.inner_text() == "Business services overview"
    assert urlparse(page.url).path in ("", "/")


def test_a_shared_spend_link_with_dates_and_a_service_survives_sign_in(page, signed_in_dashboard):
    database = connect(signed_in_dashboard.database, read_only=True)
    try:
        totals = Registry().run(
            database, "spend_by_service", {"date_from": "2024-07-01", "date_to": "2024-09-30", "services": ["fleet"]}
        )
    finally:
        database.close()
    sign_in(
        page,
        signed_in_dashboard,
        "analyst",
        link=f"{signed_in_dashboard.url}/spend?from=2024-07-01&to=2024-09-30&service=fleet",
    )
    query = landed_on(page, signed_in_dashboard, "spend")
    assert page.locator("h1").first.inner_text() == "Spend and budgets"
    assert "01/07/2024 to 30/09/2024 · all departments · Fleet management" in caption_of(page)
    assert chips(page, "Service types") == ["Fleet management"]
    summary = f"{fmt.money(totals['amount'].sum())} in {fmt.count(totals['payments'].sum())} payments"
    assert page.get_by_text(summary).first.is_visible()
    assert query == {"from": ["2024-07-01"], "to": ["2024-09-30"], "service": ["fleet"]}
    assert error_texts(page) == []


def test_a_links_values_are_checked_after_sign_in_as_any_links_are(page, signed_in_dashboard):
    link = "spend?fy=2024-25%0D%0ALocation:%20https://evil.example&dept=NOPE&service=fleet"
    sign_in(page, signed_in_dashboard, "analyst", link=f"{signed_in_dashboard.url}/{link}")
    landed_on(page, signed_in_dashboard, "spend")
    notices = " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())
    assert "The link's financial year 2024-25??Location: https://evil.example is not one the data covers" in notices
    warnings = page.locator('[data-testid="stAlertContentWarning"]')
    assert warnings.locator("a").count() == 0, "a value from the link is shown as a link"
    assert "Ignored from the link: department NOPE (not a known department)." in notices
    assert chips(page, "Service types") == ["Fleet management"]  # what was valid is kept
    assert urlparse(page.url).netloc == urlparse(signed_in_dashboard.url).netloc


def test_a_link_to_a_page_the_role_may_not_open_lands_on_its_refusal_after_sign_in(page, signed_in_dashboard):
    sign_in(page, signed_in_dashboard, "planner", link=f"{signed_in_dashboard.url}/audit?fy=2024-25")
    landed_on(page, signed_in_dashboard, "audit")
    assert page.locator("h1").first.inner_text() == "Audit log"
    assert "Audit log is not open to your role (planner)" in " ".join(error_texts(page))
    assert page.locator(DATA_ELEMENTS).count() == 0


# Links whose path or query tries to send the person elsewhere once signed in, and what happens to each: Streamlit
# refuses the address outright ("refused": a scheme-relative path, backslashes that browsers read as slashes, the
# same encoded, a line break with a header, a climb out of a page); Streamlit's page cannot start at all ("blank":
# a path of several parts); or the dashboard asks the person to sign in and, as the path names none of its pages,
# brings them to its start ("signs in": a full address or a script address as the path, encoded or not, and
# redirect-looking parameters, which are kept as the start page's query and read by nothing).
HOSTILE_LINKS = (
    ("//evil.example", "refused"),
    ("//evil.example/departments?fy=2024-25", "refused"),
    ("/\\evil.example", "refused"),
    ("/\\/evil.example", "refused"),
    ("/%2F%2Fevil.example", "refused"),
    ("/%5C%5Cevil.example", "refused"),
    ("/%0D%0ALocation:%20https://evil.example", "refused"),
    ("/departments/..%2F..%2F%2Fevil.example", "refused"),
    ("/https://evil.example", "blank"),
    ("/https:%2F%2Fevil.example", "signs in"),
    ("/%68ttps%3A%2F%2Fevil.example", "signs in"),
    ("/javascript:alert(document.domain)", "signs in"),
    ("/?next=//evil.example&redirect_uri=https://evil.example&return_to=https:%2F%2Fevil.example", "signs in"),
)


@pytest.mark.parametrize(("link", "outcome"), HOSTILE_LINKS, ids=[link for link, _ in HOSTILE_LINKS])
def test_a_link_pointing_outside_the_dashboard_never_leads_there_after_sign_in(
    page, signed_in_dashboard, link, outcome
):
    ours = {urlparse(signed_in_dashboard.url).netloc, urlparse(signed_in_dashboard.issuer).netloc}
    requested, opened = [], []  # every request the browser made; every address the tab itself showed
    page.on("request", lambda request: requested.append(request.url))
    page.on("framenavigated", lambda frame: frame == page.main_frame and opened.append(frame.url))
    response = page.goto(f"{signed_in_dashboard.url}{link}")
    if outcome == "refused":
        assert response.status in (400, 404)
        assert page.locator("body").inner_text().strip() in ("Bad Request", "Not Found")
    elif outcome == "blank":
        page.wait_for_load_state("networkidle")
        assert page.locator('[data-testid="stApp"]').count() == 0
    else:
        wait_until_drawn(page)
        if page.get_by_role("dialog").count():  # Streamlit's "Page not found": closed, as a person would
            page.keyboard.press("Escape")
        sign_in_here(page, signed_in_dashboard, "analyst")
        page.wait_for_load_state("networkidle")
        wait_until_drawn(page)
        assert page.locator("h1").first.inner_text() == "Business services overview"  # the dashboard's start
        assert error_texts(page) == []
    assert urlparse(page.url).netloc == urlparse(signed_in_dashboard.url).netloc
    assert {urlparse(url).netloc for url in opened if urlparse(url).scheme in ("http", "https")} <= ours
    assert not any("evil.example" in urlparse(url).netloc for url in requested + opened)
