"""The link someone opened before signing in, kept across the sign-in so that they land where it pointed.

Streamlit's sign-in (`st.login`) always brings a person back to the app's start page: the OpenID Connect `state`
is made and checked inside Streamlit's own routes, and its callback redirects to the root. So the dashboard keeps
the link itself, as a signed, short-lived token in a cookie of its own. What is kept is never an address: it is
the key of one of the dashboard's pages (bsdash.governance.access.PAGES) and the link's query parameters as data.
After sign-in the router switches to that page by its key and hands the parameters to the page as any link's are,
so every value meets the same checks, and nothing in a link can send anyone to another site.

No Streamlit here: bsdash.ui.return_link reads and writes the cookie.
"""

import re
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeTimedSerializer

from bsdash.governance.access import PAGE_KEYS

# Long enough for a slow sign-in (multi-factor, a forgotten password), short enough that an old link does not
# come back hours later.
MAX_AGE_SECONDS = 15 * 60
# A link's query is kept up to these limits; more than this is not a link a person shares.
MAX_PARAMETERS = 40
MAX_QUERY_CHARACTERS = 2000
# Parameter names the dashboard uses are short lower-case words; Streamlit keeps `embed` and `embed_options`.
_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
_STREAMLIT_OWN = frozenset({"embed", "embed_options"})
_SALT = "bsdash: the link opened before signing in"
# What a sealed token is made of (URL-safe base64, dots, dashes, underscores): safe to place in a cookie and a
# script as it is.
TOKEN = re.compile(r"[A-Za-z0-9_.\-]{1,4000}")


@dataclass(frozen=True)
class ReturnLink:
    """A page of the dashboard and its query parameters, in the order the link gave them."""

    page: str  # a key of access.PAGES ("" is the Overview)
    query: tuple[tuple[str, str], ...] = ()
    nonce: str = ""  # tells one kept link from another, so each is followed once

    def query_params(self) -> dict[str, list[str]]:
        """The query as Streamlit's st.switch_page takes it: every name with its values (a name may repeat)."""
        params: dict[str, list[str]] = {}
        for name, value in self.query:
            params.setdefault(name, []).append(value)
        return params


def return_link(page: str, query: Iterable[tuple[str, str]]) -> ReturnLink | None:
    """The link to keep for a page key and a query; None when the page is not one of the dashboard's.

    Parameters with names the dashboard could not use are left out, and the query is cut at the limits. The
    values are not judged here: the page checks them after sign-in, as it checks every link's.
    """
    if page not in PAGE_KEYS:
        return None
    kept, characters = [], 0
    for name, value in query:
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        if not _NAME.fullmatch(name) or name in _STREAMLIT_OWN:
            continue
        characters += len(name) + len(value) + 2
        if len(kept) == MAX_PARAMETERS or characters > MAX_QUERY_CHARACTERS:
            break
        kept.append((name, value))
    return ReturnLink(page, tuple(kept), secrets.token_urlsafe(12))


def seal(link: ReturnLink, secret: str) -> str:
    """The link as a signed token, dated now."""
    body = {"page": link.page, "query": [list(pair) for pair in link.query], "nonce": link.nonce}
    return _serializer(secret).dumps(body)


def unseal(token: str, secret: str, max_age: int = MAX_AGE_SECONDS) -> ReturnLink | None:
    """The link a token holds, or None when it is not one we signed, is older than `max_age` seconds or does not
    name one of the dashboard's pages. A token we signed is still checked as any link is."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    try:
        body = _serializer(secret).loads(token, max_age=max_age)
    except BadData:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("query"), list) or not isinstance(body.get("nonce"), str):
        return None
    pairs = [tuple(pair) for pair in body["query"] if isinstance(pair, list) and len(pair) == 2]
    link = return_link(body.get("page"), pairs)
    if link is None or len(link.query) != len(body["query"]):
        return None
    return ReturnLink(link.page, link.query, body["nonce"])


class FollowedLinks:
    """The kept links already followed, so that each is followed once, however long its cookie lasts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # sessions run on threads of their own
        self._when: dict[str, float] = {}

    def first_time(self, link: ReturnLink, now: float | None = None) -> bool:
        """True the first time a link is followed; False after. A link older than MAX_AGE_SECONDS is forgotten,
        as its token no longer opens."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._when = {nonce: at for nonce, at in self._when.items() if now - at <= MAX_AGE_SECONDS}
            if link.nonce in self._when:
                return False
            self._when[link.nonce] = now
            return True


def _serializer(secret: str) -> URLSafeTimedSerializer:
    if not secret:
        raise ValueError("A return link needs a secret to sign it with ([auth] cookie_secret).")
    return URLSafeTimedSerializer(secret, salt=_SALT)
