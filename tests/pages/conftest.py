"""Page tests with Streamlit's AppTest: each page runs headless, in-process, against the sample database."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app(sample_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Runs the dashboard (router and page) as a browser would open it; pass a URL query string to deep-link."""
    monkeypatch.setenv("BSDASH_DB", str(sample_db))
    monkeypatch.chdir(ROOT)

    def open_page(url_path: str = "", **query: str | list[str]) -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in query.items():
            test.query_params[key] = value
        if url_path:
            test.switch_page(f"pages/{url_path}.py")
        return test.run()

    return open_page


@pytest.fixture
def writable_app(writable_sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Like `app`, on a copy of the sample database that the page may write to (imports, mappings)."""
    monkeypatch.setenv("BSDASH_DB", str(writable_sample_db))
    monkeypatch.setenv("BSDASH_MAPPINGS", str(tmp_path / "mappings"))
    monkeypatch.chdir(ROOT)

    def open_page(url_path: str = "") -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if url_path:
            test.switch_page(f"pages/{url_path}.py")
        return test.run()

    return open_page
