"""The link kept across sign-in: only a page of the dashboard and its query, signed, short-lived, followed once."""

import time

import pytest

from bsdash.governance import access
from bsdash.governance.return_link import (
    MAX_AGE_SECONDS,
    MAX_PARAMETERS,
    MAX_QUERY_CHARACTERS,
    FollowedLinks,
    ReturnLink,
    _serializer,
    return_link,
    seal,
    unseal,
)

SECRET = "a4f1c0de" * 8
SHARED = [("fy", "2024-25"), ("dept", "CYB"), ("compare", "CYB"), ("compare", "NPT-MAI")]


def test_a_planners_link_comes_back_as_the_same_page_and_query_in_its_order():
    link = unseal(seal(return_link("departments", SHARED), SECRET), SECRET)
    assert (link.page, link.query) == ("departments", tuple(SHARED))
    assert link.query_params() == {"fy": ["2024-25"], "dept": ["CYB"], "compare": ["CYB", "NPT-MAI"]}


def test_the_start_page_with_no_query_is_a_link_too():
    assert unseal(seal(return_link("", []), SECRET), SECRET).page == ""


@pytest.mark.parametrize(
    "page",
    [
        "//evil.example",
        "https://evil.example",
        "/departments",
        "%2F%2Fevil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "departments\r\nLocation: https://evil.example",
        "../departments",
        "Departments",
        None,
        ["departments"],
    ],
)
def test_only_a_page_of_the_dashboard_can_be_kept(page):
    assert return_link(page, SHARED) is None


@pytest.mark.parametrize(
    "page", ["//evil.example", "https://evil.example", "/%2F%2Fevil", "\\\\evil", "departments/../../evil", 7]
)
def test_a_token_we_signed_that_names_no_page_of_ours_is_not_followed(page):
    # Even signed with the dashboard's own secret (say, by an older version), a page outside the list is refused.
    token = _serializer(SECRET).dumps({"page": page, "query": [], "nonce": "n"})
    assert unseal(token, SECRET) is None


def test_a_token_signed_with_another_secret_or_changed_is_not_followed():
    token = seal(return_link("spend", [("service", "fleet")]), SECRET)
    assert unseal(token, "another secret") is None
    body, _, signature = token.rpartition(".")
    changed = body[:-1] + ("A" if body[-1] != "A" else "B") + "." + signature
    assert unseal(changed, SECRET) is None
    forged = _serializer("the attacker's secret").dumps({"page": "spend", "query": [], "nonce": "n"})
    assert unseal(forged, SECRET) is None


@pytest.mark.parametrize(
    "token",
    ["", "not a token", "x" * 5000, "'; document.location='https://evil.example", "a\r\nSet-Cookie: x=y", None],
)
def test_anything_else_in_the_cookie_is_ignored(token):
    assert unseal(token, SECRET) is None


def test_a_link_kept_longer_than_a_sign_in_takes_is_not_followed(monkeypatch):
    token = seal(return_link("spend", [("service", "fleet")]), SECRET)
    now = time.time()
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: now + MAX_AGE_SECONDS - 60)
    assert unseal(token, SECRET).page == "spend"
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: now + MAX_AGE_SECONDS + 60)
    assert unseal(token, SECRET) is None


def test_names_the_dashboard_could_not_use_are_left_out_and_values_are_kept_for_the_page_to_check():
    query = [
        ("fy", "2024-25\r\nLocation: https://evil.example"),  # kept: the page says it is not a year and ignores it
        ("embed", "true"),  # Streamlit's own
        ("Next", "//evil.example"),
        ("redirect uri", "https://evil.example"),
        ("x" * 33, "1"),
        ("dept", "CYB"),
    ]
    link = unseal(seal(return_link("spend", query), SECRET), SECRET)
    assert link.query == (("fy", "2024-25\r\nLocation: https://evil.example"), ("dept", "CYB"))


def test_a_very_long_query_is_cut_at_the_limits():
    many = unseal(seal(return_link("spend", [("dept", f"D{i}") for i in range(500)]), SECRET), SECRET)
    assert len(many.query) == MAX_PARAMETERS
    long = return_link("spend", [("fy", "9" * 1500), ("dept", "CYB"), ("service", "x" * 1500)])
    assert long.query == (("fy", "9" * 1500), ("dept", "CYB"))
    assert sum(len(name) + len(value) + 2 for name, value in long.query) <= MAX_QUERY_CHARACTERS
    assert len(seal(long, SECRET)) < 4000  # fits in a cookie


def test_every_page_of_the_dashboard_can_be_kept():
    for spec in access.PAGES:
        assert unseal(seal(return_link(spec.key, []), SECRET), SECRET).page == spec.key


def test_a_kept_link_is_followed_once_and_forgotten_when_its_token_has_expired():
    followed = FollowedLinks()
    link, other = return_link("spend", []), return_link("spend", [])
    assert link.nonce != other.nonce
    assert followed.first_time(link, now=0.0)
    assert not followed.first_time(link, now=10.0)
    assert followed.first_time(other, now=10.0)
    assert followed.first_time(ReturnLink(link.page, link.query, link.nonce), now=MAX_AGE_SECONDS + 1.0)


def test_sealing_without_a_secret_is_refused():
    with pytest.raises(ValueError, match="cookie_secret"):
        seal(return_link("spend", []), "")
