"""Sign-in and roles on the Streamlit side: the gate the router passes first, the navigation each role gets, and
who is looking (for the pages, the downloads and the audit log). The rules themselves are bsdash.access.

Sign-in is on when `.streamlit/secrets.toml` says `[bsdash] require_sign_in = true` or the environment has
`BSDASH_REQUIRE_SIGN_IN=1`; Streamlit's `st.login` then signs people in with the identity provider set in the
same file's `[auth]` section (Microsoft Entra ID for a force). With it off (one's own machine), everyone is
treated as an administrator and every page says so.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from bsdash.config import ROOT
from bsdash.governance import access
from bsdash.governance.access import NOBODY_SIGNS_IN, AccessFileError, AccessMap, PageSpec, Viewer

DEFAULT_ACCESS_FILE = ROOT / ".streamlit" / "access.toml"
_TRUE = ("1", "true", "yes", "on")
PAGE_KEY = "bsdash_page"  # the page of this run, for the audit log's "place"
_NOBODY = Viewer(who="", name="", role=None, signed_in=False)


def secret_section(name: str) -> dict:
    """A section of the secrets file as a plain dict; empty when there is no secrets file or no such section."""
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file at all: Streamlit raises rather than returning nothing
        return {}
    if not isinstance(section, Mapping):
        return {}
    return {key: dict(value) if isinstance(value, Mapping) else value for key, value in section.items()}


def sign_in_required() -> bool:
    setting = secret_section("bsdash").get("require_sign_in", False)
    from_env = os.environ.get("BSDASH_REQUIRE_SIGN_IN", "").strip().lower() in _TRUE
    return from_env or setting is True or str(setting).strip().lower() in _TRUE


def access_file() -> Path:
    """The access file (users and groups): `[bsdash] access_file`, `BSDASH_ACCESS_FILE`, or .streamlit/access.toml."""
    configured = secret_section("bsdash").get("access_file") or os.environ.get("BSDASH_ACCESS_FILE")
    path = Path(configured) if configured else DEFAULT_ACCESS_FILE
    return path if path.is_absolute() else ROOT / path


@st.cache_resource(show_spinner=False, max_entries=8)
def _access_map(path: str, stamp: tuple) -> AccessMap:
    return access.load_access_map(Path(path))


def access_map() -> AccessMap:
    path = access_file()
    stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else ()
    return _access_map(str(path), stamp)


def viewer() -> Viewer:
    """Who is looking. Nobody signed in (with sign-in on) is a viewer with no rights at all."""
    if not sign_in_required():
        return NOBODY_SIGNS_IN
    user = st.user
    if not user.get("is_logged_in"):
        return _NOBODY
    try:
        return access.viewer_from_claims(user.to_dict(), access_map())
    except AccessFileError:
        return Viewer(who=access.recorded_as(user.to_dict()), name="", role=None)


def imported_by() -> str | None:
    """Who an import is recorded against in `imports`: the signed-in person; with sign-in off, the server's user."""
    person = viewer()
    return person.who if person.signed_in else None


def gate() -> Viewer:
    """The router's first step: with sign-in on, nothing is served to anyone not signed in with a role.

    Stops the run (showing only the sign-in screen, or why someone cannot come in) until then.
    """
    if not sign_in_required():
        return NOBODY_SIGNS_IN
    auth = secret_section("auth")
    if not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        _hold(
            "Sign-in is required, but it is not set up: `.streamlit/secrets.toml` needs an `[auth]` section with "
            "`redirect_uri`, `cookie_secret` and the identity provider (see the README, Sign-in and roles).",
        )
    if not st.user.get("is_logged_in"):
        _sign_in_screen(auth)
    try:
        access_map()
    except AccessFileError as error:
        _hold(f"The access file cannot be read, so nobody can be given a role until it is fixed: {error}")
    person = viewer()
    if person.role is None:
        _hold(
            f"You are signed in as **{person.who or 'someone the identity provider did not name'}**, but have no "
            "role in this dashboard. Ask its administrator to give you one (leader, planner, analyst or "
            "administrator).",
            sign_out=True,
        )
    return person


def _navigation_for_nobody() -> None:
    """Every URL still resolves (so a deep link shows the sign-in screen, not "page not found"); nothing runs."""
    st.navigation([_page(spec, hidden=True) for spec in access.PAGES], position="hidden")


def _sign_in_screen(auth: dict) -> None:
    _navigation_for_nobody()
    st.title("Business services dashboard", anchor=False)
    st.markdown(
        "**OFFICIAL.** Spend, supplier and ticket data of the force. Sign in with your force account to continue."
    )
    provider = next((name for name, value in auth.items() if isinstance(value, dict) and "client_id" in value), None)
    if st.button("Sign in with Microsoft", type="primary", icon=":material/login:", key="sign_in"):
        st.login(provider) if provider else st.login()
    st.stop()


def _hold(message: str, *, sign_out: bool = False) -> None:
    _navigation_for_nobody()
    st.title("Business services dashboard", anchor=False)
    st.error(message, icon=":material/lock:")
    if sign_out and st.button("Sign out", icon=":material/logout:", key="sign_out_held"):
        st.logout()
    st.stop()


def _page(spec: PageSpec, *, hidden: bool = False):
    return st.Page(
        spec.script,
        title=spec.title,
        icon=spec.icon,
        url_path=spec.key or None,
        default=spec.key == "",
        visibility="hidden" if hidden else "visible",
    )


def navigation(person: Viewer):
    """st.navigation over the pages the role sees. The others stay reachable by URL only to be refused."""
    sections: dict[str, list] = {}
    keys = {}
    for spec in access.PAGES:
        page = _page(spec, hidden=not person.may_open(spec.key))
        keys[page.url_path] = spec
        sections.setdefault(spec.section, []).append(page)
    shown = {section: pages for section, pages in sections.items() if any(p.visibility == "visible" for p in pages)}
    hidden = [p for section, pages in sections.items() if section not in shown for p in pages]
    if hidden:  # a section whose pages are all hidden is not shown at all
        first = next(iter(shown))
        shown[first] = shown[first] + hidden
    page = st.navigation(shown)
    spec = keys.get(page.url_path)
    if spec is None or not person.may_open(spec.key):
        title = spec.title if spec else "This page"
        st.title(title, anchor=False)
        st.error(
            f"**{title}** is not open to your role ({person.role}). Your role opens: "
            f"{', '.join(p.title for p in person.pages())}. Ask an administrator if you need it.",
            icon=":material/block:",
        )
        st.stop()
    st.session_state[PAGE_KEY] = spec.key
    return page, spec


def only_for(allowed: bool, refusal: str) -> None:
    """A page's own check of its right, after the router's refusal by role: a page that somehow runs for someone
    without the right shows why and stops, before any figure or widget."""
    if not allowed:
        st.error(refusal, icon=":material/block:")
        st.stop()


def banner(person: Viewer) -> None:
    """Who is looking, on every page: a warning when sign-in is off, otherwise the person and a sign-out."""
    if not person.signed_in:
        st.warning(
            "**Sign-in is off**: everyone who can reach this address is treated as an administrator. Turn it on "
            "before sharing the dashboard (see the README, Sign-in and roles).",
            icon=":material/lock_open:",
        )
        return
    with st.sidebar:
        scope = f" · {', '.join(person.departments) or 'no departments'}" if person.scoped else ""
        st.caption(f"Signed in as **{person.name}** ({person.role}{scope})")
        if st.button("Sign out", icon=":material/logout:", key="sign_out"):
            st.logout()
