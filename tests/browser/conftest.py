"""Browser fixtures: the dashboard served by `streamlit run` against the test database, and Debian's Chromium.

The server starts on a free port, is ready when /_stcore/health answers, and is stopped by its process group.
A failing test leaves a screenshot in tests/artifacts/ so the cause can be seen.

`signed_in_dashboard` is a second server with sign-in on, signing people in through a local OpenID Connect
provider (oidc-provider-mock, in this process) with the people of `PEOPLE`.
"""

import csv
import io
import json
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bsdash.bench.browser import COUNT_RUNS_JS, DRAWN_JS, RERUN_DRAWN_JS, STATE_JS, WATCH_RERUN_JS
from bsdash.bench.server import CHROMIUM, CHROMIUM_ARGS, free_port, start_dashboard, stop_dashboard
from bsdash.ingest.pipeline import import_file
from bsdash.store.db import connect
from tests.ingest.corpus import lines, row

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

# The people the identity provider knows, with the claims it issues for them. Each gets their role another way:
# the analyst from an app role in the `roles` claim (as Entra ID sends it), the planner from a security group in
# the `groups` claim that the access file maps to a role and departments, the administrator from their own entry
# in the access file. The visitor is known to the provider but given no role.
PLANNER_GROUP = "3f2b6c1e-0d7a-4c55-9f3e-2a1b0c9d8e7f"
PEOPLE = {
    "analyst": {"email": "sam.analyst@kent.police.uk", "name": "Sam Analyst", "roles": ["BSDash.Analyst"]},
    "planner": {"email": "alex.planner@kent.police.uk", "name": "Alex Planner", "groups": [PLANNER_GROUP]},
    "administrator": {"email": "dana.admin@kent.police.uk", "name": "Dana Admin"},
    "visitor": {"email": "visitor@kent.police.uk", "name": "A Visitor"},
}
ACCESS_FILE = f"""
[users."dana.admin@kent.police.uk"]
role = "administrator"

[groups."{PLANNER_GROUP}"]
role = "planner"
departments = ["CYB"]
"""
# A supplier whose name a spreadsheet would run as a formula, paid once, the largest payment of 2024/25.
HOSTILE_SUPPLIER = '=HYPERLINK("http://x","y")'
HOSTILE_PAYMENT = "AP-HOSTILE-1"


@pytest.fixture(scope="session")
def dashboard_url(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_dashboard(sample_db, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield url
    stop_dashboard(process)


@dataclass(frozen=True)
class SignedInDashboard:
    url: str
    issuer: str  # the identity provider's address
    database: Path
    audit: Path  # the audit log's database file


@pytest.fixture(scope="session")
def signed_in_dashboard(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignedInDashboard]:
    """The dashboard with sign-in required, on a copy of the sample that also holds the hostile supplier."""
    from oidc_provider_mock import User, run_server_in_thread

    folder = tmp_path_factory.mktemp("signed-in")
    database = folder / "bsdash.duckdb"
    shutil.copy(sample_db, database)
    export = folder / "spend-hostile.csv"
    supplier = '"' + HOSTILE_SUPPLIER.replace('"', '""') + '"'  # quoted as a CSV writes it
    export.write_text(lines(row(HOSTILE_PAYMENT, date="15/05/2024", amount="9999999.00", supplier=supplier)))
    con = connect(database)
    try:
        assert import_file(con, export, "spend").loaded == 1
    finally:
        con.close()
    (folder / "access.toml").write_text(ACCESS_FILE, encoding="utf-8")

    users = [User(sub=claims["email"], claims=claims) for claims in PEOPLE.values()]
    with run_server_in_thread(user_claims=users) as provider:
        issuer = f"http://127.0.0.1:{provider.server_port}"
        port = free_port()
        secrets_file = folder / "secrets.toml"  # in the test's folder: the project's .streamlit/ is left alone
        secrets_file.write_text(
            f"""
[bsdash]
require_sign_in = true
access_file = "{folder / "access.toml"}"

[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"

[auth.microsoft]
client_id = "bsdash-tests"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{issuer}/.well-known/openid-configuration"
""",
            encoding="utf-8",
        )
        audit = folder / "audit.duckdb"
        process, url = start_dashboard(
            database,
            folder / "streamlit.log",
            {"BSDASH_AUDIT_DB": str(audit)},
            port=port,
            options={"secrets.files": str(secrets_file)},
        )
        try:
            yield SignedInDashboard(url=url, issuer=issuer, database=database, audit=audit)
        finally:
            stop_dashboard(process)


def sign_in(page, dashboard: SignedInDashboard, who: str, link: str | None = None) -> None:
    """Sign in as one of PEOPLE the way a person does: the dashboard's button (on the start page, or on the page
    `link` opens), then the provider's page."""
    page.goto(link or dashboard.url)
    sign_in_here(page, dashboard, who)


def sign_in_here(page, dashboard: SignedInDashboard, who: str) -> None:
    """Sign in from the sign-in screen the page shows now."""
    page.get_by_role("button", name="Sign in with Microsoft").click(timeout=90_000)
    page.wait_for_url(f"{dashboard.issuer}/**", timeout=90_000)
    page.get_by_role("button", name=PEOPLE[who]["email"]).click(timeout=90_000)  # the provider's one-click sign-in
    page.wait_for_url(f"{dashboard.url}/**", timeout=90_000)
    wait_until_drawn(page)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: tests/run installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    context = new_context(browser, accept_downloads=True)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def new_context(browser, **options):
    """A new browser context whose pages count the runs the server finishes (see `rerun`)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, **options)
    context.add_init_script(COUNT_RUNS_JS)
    return context


def wait_until_drawn(page, timeout_ms: int = 90_000) -> None:
    """Wait until the script has finished running, nothing of an earlier run is left and every chart is drawn."""
    page.locator('[data-testid="stApp"]').wait_for(timeout=timeout_ms)
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms)


@contextmanager
def rerun(page, timeout_ms: int = 90_000) -> Iterator[None]:
    """Around an action that makes the page run again: wait until that run has finished and is drawn."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(WATCH_RERUN_JS)
    yield
    try:
        page.wait_for_function(RERUN_DRAWN_JS, timeout=timeout_ms)
    except PlaywrightTimeout as error:  # say what was left undrawn
        raise AssertionError(f"{page.url} was not redrawn: {page.evaluate(STATE_JS)}") from error


def show_every_page(page) -> None:
    """Past ten pages the navigation folds the rest under "View N more"; unfold it (its button then reads "View
    less", which would fold it again)."""
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.inner_text().lower():
        more.click()


def click_bar_until(page, bars, heading) -> None:
    """Click the last (largest) bar of a chart, as a person does, until `heading` shows the drill-down. On a loaded
    machine Plotly may attach its click handler after the bars are drawn, so a first click can go unheard. The click
    lands near the bar's far end: a bar drawn from an axis that starts above zero (a service level's) has its
    middle off the chart."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(3):
        box = bars.last.bounding_box()
        horizontal = box["width"] > box["height"]
        x = box["x"] + (box["width"] - 6 if horizontal else box["width"] / 2)
        y = box["y"] + (box["height"] / 2 if horizontal else min(6, box["height"] / 2))
        page.mouse.click(x, y)
        try:
            heading.wait_for(timeout=30_000)
            return
        except PlaywrightTimeout:
            continue
    heading.wait_for(timeout=30_000)


def open_from_sidebar(page, title: str, key: str) -> None:
    """Click the page `title` in the navigation, as a person does, and wait until it has run and is drawn at its
    address (`key`, "" for the start page). On a loaded machine a click can land while the navigation is drawn anew
    and go unheard: it is made again (three times at most) until the address is the page's."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    arrived = f"() => location.pathname.replace(/^\\/+|\\/+$/g, '') === {json.dumps(key)}"
    links = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=title)
    with rerun(page):
        for _ in range(3):
            show_every_page(page)
            links.first.click()
            try:
                page.wait_for_function(arrived, timeout=20_000)
                break
            except PlaywrightTimeout:
                continue
        page.wait_for_function(arrived, timeout=20_000)


def downloaded_rows(text: str) -> list[list[str]]:
    """A downloaded CSV as its marking line and then its table (the headers first). The lines between them say what
    the file is, for which period and filters, how far the data reaches and when it was made: checked here, then
    left out, with the blank line that ends them."""
    marking, *rest = list(csv.reader(io.StringIO(text)))
    blank = rest.index([""])
    context = [line[0] for line in rest[:blank]]
    for start in ("Period and filters: ", "Data as at: ", "Made on "):
        assert any(line.startswith(start) for line in context), (start, context)
    return [marking, *rest[blank + 1 :]]


def excel_header_row(sheet) -> int:
    """The row of an Excel download's headers: the first after the blank row that ends the context."""
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > 1 and all(value in (None, "") for value in values):
            return number + 1
    raise AssertionError("no blank row under the context")


def error_texts(page) -> list[str]:
    """Any exception or error box on the page."""
    return page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').all_inner_texts()
