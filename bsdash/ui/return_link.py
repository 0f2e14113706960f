"""A shared link survives sign-in: the sign-in screen keeps the page and query asked for in a signed cookie, and
the first run after sign-in switches to that page with that query (bsdash.governance.return_link says why this
way and what is kept).

The cookie is written by a line of script on the sign-in screen, since Streamlit gives a script no way to set a
cookie on a response; the token it holds is ours, signed with `[auth] cookie_secret`, and made only of URL-safe
characters, so nothing from the link reaches the script as code.
"""

import re

import streamlit as st

from bsdash.governance import access
from bsdash.governance.access import PageSpec
from bsdash.governance.return_link import MAX_AGE_SECONDS, TOKEN, FollowedLinks, return_link, seal, unseal

COOKIE = "bsdash_return_link"
_LOOKED = "return_link_looked"  # the session has looked for a kept link (only its first run does)
_PATH = re.compile(r"/[A-Za-z0-9_.\-/]*")


def keep(page_key: str, secret: str) -> None:
    """On the sign-in screen: keep the page (as st.navigation resolved the address) and the query asked for."""
    query = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    link = return_link(page_key, query)
    if link is None:
        return
    token = seal(link, secret)
    if not TOKEN.fullmatch(token):  # never the case for a token we sign; nothing else is written into the script
        return
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; Path={_cookie_path()}; Max-Age={MAX_AGE_SECONDS}; "
        "SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def follow(landed_on: PageSpec, secret: str) -> None:
    """After sign-in: Streamlit's callback lands everyone on the start page with no query. On that first run of a
    session, a kept link not yet followed takes the person to its page and query instead; the page then checks
    the query and the person's right to it as it does any link's. Any other arrival is left where it is."""
    if st.session_state.get(_LOOKED):
        return
    st.session_state[_LOOKED] = True
    if landed_on.key != "" or len(st.query_params):
        return
    token = kept_token()
    link = unseal(token, secret) if token else None
    if link is None or (link.page == landed_on.key and not link.query) or not _followed().first_time(link):
        return
    target = next(spec for spec in access.PAGES if spec.key == link.page)
    st.switch_page(target.script, query_params=link.query_params())


def kept_token() -> str | None:
    """The kept link's token, as the browser sent it when this session began."""
    return st.context.cookies.get(COOKIE)


def _cookie_path() -> str:
    """The app's own path (Streamlit's `server.baseUrlPath`), so the cookie goes to this app only."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = "/" + base
    return path if _PATH.fullmatch(path) else "/"


@st.cache_resource(show_spinner=False)
def _followed() -> FollowedLinks:
    return FollowedLinks()
