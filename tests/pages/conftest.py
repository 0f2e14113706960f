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
        """A bar selected in the link (drill=..., drill.<key>=...) is the page's own: it is set once on the page,
        as a link to that page holds it (the start page drops another page's selection)."""
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        selection = {key: value for key, value in query.items() if key == "drill" or key.startswith("drill.")}
        for key, value in query.items():
            if key not in selection:
                test.query_params[key] = value
        test.run()  # the router reads the URL and draws the start page
        if page != "overview":
            test.switch_page(f"pages/{page}.py")
        if page != "overview" or selection:
            for key, value in selection.items():
                test.query_params[key] = value
            test.run()
        return test

    return open_page


def texts(test: AppTest) -> str:
    """Everything written on the page, for assertions about what a reader sees."""
    parts = [
        e.value
        for kind in ("title", "header", "markdown", "caption", "info", "warning", "subheader")
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
        test.run()
        if page != "overview":
            test.switch_page(f"pages/{page}.py")
            test.run()
        return test

    return open_page
