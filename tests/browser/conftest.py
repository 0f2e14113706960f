"""Browser fixtures: the dashboard served by `streamlit run` against the test database, and Debian's Chromium.

The server starts on a free port, is ready when /_stcore/health answers, and is stopped by its process group.
A failing test leaves a screenshot in tests/artifacts/ so the cause can be seen.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bsdash.bench.browser import DRAWN_JS, RERUN_DRAWN_JS, WATCH_RERUN_JS
from bsdash.bench.server import CHROMIUM, CHROMIUM_ARGS, start_dashboard, stop_dashboard

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def dashboard_url(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_dashboard(sample_db, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield url
    stop_dashboard(process)


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
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_until_drawn(page, timeout_ms: int = 90_000) -> None:
    """Wait until the script has finished running, nothing of an earlier run is left and every chart is drawn."""
    page.locator('[data-testid="stApp"]').wait_for(timeout=timeout_ms)
    page.wait_for_function(DRAWN_JS, timeout=timeout_ms)


@contextmanager
def rerun(page, timeout_ms: int = 90_000) -> Iterator[None]:
    """Around an action that makes the page run again: wait until that run has finished and is drawn."""
    page.evaluate(WATCH_RERUN_JS)
    yield
    page.wait_for_function(RERUN_DRAWN_JS, timeout=timeout_ms)


def error_texts(page) -> list[str]:
    """Any exception or error box on the page."""
    return page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').all_inner_texts()
