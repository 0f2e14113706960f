"""Page tests with Streamlit's AppTest: each page runs headless, in-process, against the sample database."""

from collections.abc import Callable
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


# Sign-in as set up for Microsoft Entra ID; the provider is never reached: AppTest gives the signed-in person.
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 64}
PROVIDER = {
    "client_id": "bsdash",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",  # never reached: nobody clicks
}


def signed_in_opener(
    database: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, access_file_text: str
) -> Callable[..., AppTest]:
    """`open_page(page, user, secrets=None, **query)`: a page opened by its link with sign-in on, as `user` (claims;
    None: nobody signed in), on `database`, with an access file holding `access_file_text`."""
    monkeypatch.setenv("BSDASH_DB", str(database))
    monkeypatch.setenv("BSDASH_AUDIT_DB", str(folder / "audit.duckdb"))
    monkeypatch.chdir(ROOT)
    access_file = folder / "access.toml"
    access_file.write_text(access_file_text, encoding="utf-8")

    def open_page(
        page: str, user: dict | None = None, *, secrets: dict | None = None, **query: str | list[str]
    ) -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        test.secrets = secrets or {
            "bsdash": {"require_sign_in": True, "access_file": str(access_file)},
            "auth": {**AUTH, "microsoft": PROVIDER},
        }
        test.user = {"is_logged_in": True, **user} if user else {"is_logged_in": False}
        test.query_params.update(query)
        test.switch_page(f"pages/{page}.py")  # a link straight to the page
        test.run()
        assert not test.exception, test.exception[0].value
        return test

    return open_page
