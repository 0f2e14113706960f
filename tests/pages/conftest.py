"""Page tests with Streamlit's AppTest: each page runs headless, in-process, against the sample database."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parents[2]
PAGES = (
    "overview",
    "departments",
    "spend",
    "service_levels",
    "explorer",
    "procurement",
    "assets",
    "benchmarks",
    "outsourcing",
    "forecasts",
)


@pytest.fixture
def app(sample_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Opens the dashboard as a browser would: with an optional page and URL query parameters (a deep link)."""
    monkeypatch.setenv("BSDASH_DB", str(sample_db))
    monkeypatch.chdir(ROOT)

    def open_page(page: str = "overview", **query: str | list[str]) -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in query.items():
            test.query_params[key] = value
        if page != "overview":  # the link's page itself, in the first run, as a browser opens it
            test.switch_page(f"pages/{page}.py")
        return test.run()

    return open_page


def texts(test: AppTest) -> str:
    """Everything written on the page, for assertions about what a reader sees."""
    parts = [
        e.value
        for kind in ("title", "markdown", "caption", "info", "warning", "subheader")
        for e in getattr(test, kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def writable_app(writable_sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Like `app`, on a copy of the sample database that the page may write to (imports, mappings)."""
    monkeypatch.setenv("BSDASH_DB", str(writable_sample_db))
    monkeypatch.setenv("BSDASH_MAPPINGS", str(tmp_path / "mappings"))
    monkeypatch.chdir(ROOT)

    def open_page(page: str = "overview") -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if page != "overview":
            test.switch_page(f"pages/{page}.py")
        return test.run()

    return open_page
