"""Sign-in and roles on every page (AppTest, with the signed-in person given as `AppTest.user`).

The browser tests (tests/browser/test_sign_in.py) sign in through a real OpenID Connect provider; these check the
same rules page by page and role by role, quickly: the banner with sign-in off, the sign-in screen for anyone not
signed in, what a half-configured sign-in says, each role's navigation, downloads and refusals, and a planner's
department scope bound in the queries, whatever the link asks for.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bsdash.governance import access
from bsdash.governance.audit import AuditLog, Entry
from tests.pages.conftest import AUTH, PROVIDER, signed_in_opener

ACCESS_FILE = """
[users."pat.planner@kent.police.uk"]
role = "planner"
departments = ["CYB"]
"""
PLANNER = {"oid": "4d1e7a52-planner", "email": "pat.planner@kent.police.uk", "name": "Pat Planner"}
DATA = (
    "metric",
    "dataframe",
    "table",
)


@pytest.fixture
def open_as(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Open a page by its link with sign-in on, as `user` (None: nobody signed in), with `secrets` changed."""
    return signed_in_opener(sample_db, tmp_path, monkeypatch, ACCESS_FILE)


def person(role: str) -> dict:
    return {"sub": role, "email": f"someone.{role}@kent.police.uk", "name": f"A {role.title()}", "roles": [role]}


def texts(test: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(test, kind)]


def downloads(test: AppTest) -> list:
    return test.get("download_button")


def shows_data(test: AppTest) -> bool:
    return any(len(getattr(test, kind)) for kind in DATA) or bool(test.get("plotly_chart")) or bool(downloads(test))


def test_with_sign_in_off_every_page_says_so(app):
    for page in ("overview", "explorer"):
        banner = texts(app(page), "warning")
        assert any(text.startswith("**Sign-in is off**: everyone who can reach this address") for text in banner)


@pytest.mark.parametrize("spec", access.PAGES, ids=[spec.key or "overview" for spec in access.PAGES])
def test_nobody_signed_in_is_shown_the_sign_in_screen_and_nothing_else(open_as, spec):
    test = open_as(Path(spec.script).stem, None, fy="2024-25", dept="CYB")
    assert texts(test, "title") == ["Business services dashboard"]
    assert [button.label for button in test.button] == ["Sign in with Microsoft"]
    assert not shows_data(test)
    assert "Sign-in is off" not in " ".join(texts(test, "warning"))


def test_sign_in_required_but_not_set_up_lets_nobody_in_and_says_what_is_missing(open_as):
    test = open_as("spend", person("administrator"), secrets={"bsdash": {"require_sign_in": True}})
    assert "Sign-in is required, but it is not set up" in texts(test, "error")[0]
    assert not shows_data(test)


def test_a_faulty_access_file_lets_nobody_in_and_names_the_fault(open_as, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[users."a@b"]\nrole = "chief"\n', encoding="utf-8")
    secrets = {"bsdash": {"require_sign_in": True, "access_file": str(broken)}, "auth": {**AUTH, "m": PROVIDER}}
    test = open_as("overview", person("administrator"), secrets=secrets)
    assert "The access file cannot be read" in texts(test, "error")[0]
    assert "role 'chief' is not one of" in texts(test, "error")[0]
    assert not shows_data(test)


def test_someone_signed_in_without_a_role_is_told_to_ask_for_one(open_as):
    test = open_as("overview", {"sub": "visitor", "email": "visitor@kent.police.uk", "roles": ["Reader"]})
    assert "You are signed in as **visitor@kent.police.uk (visitor)**, but have no role" in texts(test, "error")[0]
    assert [button.label for button in test.button] == ["Sign out"]
    assert not shows_data(test)


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("leader", "explorer"),
        ("leader", "import"),
        ("planner", "import"),
        ("planner", "reference_mapping"),
        ("planner", "audit"),
        ("analyst", "audit"),
    ],
)
def test_a_page_the_role_may_not_open_is_refused_by_link(open_as, role, page):
    test = open_as(page, person(role))
    title = next(spec.title for spec in access.PAGES if spec.script == f"pages/{page}.py")
    assert texts(test, "title") == [title]
    assert f"**{title}** is not open to your role ({role})" in texts(test, "error")[0]
    assert not shows_data(test) and not test.get("file_uploader")


def test_a_leader_reads_the_figures_but_is_offered_no_download(open_as):
    test = open_as("procurement", person("leader"), fy="2024-25")
    assert test.get("plotly_chart") and test.dataframe  # the contract register, on screen
    assert not downloads(test)
    assert "Downloads are for planners, analysts and administrators." in " ".join(texts(test, "caption"))


def test_the_signed_in_person_and_their_scope_are_named_in_the_sidebar(open_as):
    test = open_as("overview", PLANNER)
    assert "Signed in as **Pat Planner** (planner · CYB)" in texts(test.sidebar, "caption")
    assert "Sign out" in [button.label for button in test.sidebar.button]


def test_a_planners_explorer_lists_only_their_departments_rows_whatever_the_link_asks(open_as):
    planner = PLANNER
    own = open_as("explorer", planner, fy="2024-25", explore="payments")
    assert set(own.dataframe[0].value["Department"]) == {"Cyber Crime Unit"}
    assert "Rows are limited to your departments (Cyber Crime Unit)" in " ".join(texts(own, "caption"))

    other = open_as("explorer", planner, fy="2024-25", explore="ticket_list", dept="NPT-CAN")
    assert "**0 rows**" in texts(other, "markdown")
    # The parameters shown beside it say how: the scope is bound in the query, not left to the page.
    assert '"allowed_departments": [\n    "CYB"\n  ]' in other.code[0].value

    analyst = open_as("explorer", person("analyst"), fy="2024-25", explore="ticket_list", dept="NPT-CAN")
    assert set(analyst.dataframe[0].value["Department"]) == {"Canterbury Neighbourhood Policing Team"}


def test_a_planner_compares_any_departments_force_wide_figures(open_as):
    planner = PLANNER
    test = open_as("departments", planner, fy="2024-25", compare=["NPT-CAN", "NPT-MAI"])
    assert test.get("plotly_chart")
    assert test.multiselect(key="compare").value == ["NPT-CAN", "NPT-MAI"]


def test_an_administrator_reads_the_audit_log(open_as, tmp_path):
    AuditLog(tmp_path / "audit.duckdb").append(
        Entry(
            who="sam@kent.police.uk",
            role="analyst",
            action="download",
            what="payments",
            file_name="payments-20260120.csv",
            row_count=42,
            outcome="CSV",
            place="/explorer",
        )
    )
    test = open_as("audit", person("administrator"))
    assert "**1 entry**: 1 download, 0 imports." in texts(test, "markdown")
    row = test.dataframe[0].value.iloc[0]
    assert (row["Who"], row["What"], row["Rows"], row["File"]) == (
        "sam@kent.police.uk",
        "payments",
        42,
        "payments-20260120.csv",
    )
    assert [button.label for button in downloads(test)] == ["Download CSV", "Download Excel"]
