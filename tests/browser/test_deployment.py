"""More people than one process serves: two dashboard processes on the same database behind nginx, as
`python -m bsdash deploy` writes it, with nginx run as an ordinary process of the test (its configuration, pid,
logs and temporary files in the test's folder).

Sessions speaking Streamlit's protocol change filters through nginx at once; every change is answered, the
sessions spread over both processes, and every request of a session (its page, its websocket) reaches the
same process. Streamlit's static files come compressed and cacheable; a browser draws the pages through nginx;
when a process stops, new sessions go to the other."""

import asyncio
import gzip
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import streamlit.file_util

from bsdash.bench import load
from bsdash.bench.protocol import Session
from bsdash.bench.server import stop_dashboard
from bsdash.deploy.local import running
from tests.browser.conftest import error_texts, rerun, wait_until_drawn

pytestmark = pytest.mark.browser

SESSIONS = 16  # enough that both processes get some: all on one would happen about once in 30,000 runs
DEPARTMENTS = ["CCJ", "CYB", "FCR", "FIN", "ICT", "INT", "LEG", "NPT-ASH", "NPT-CAN", "NPT-MAI", "PPC", "SCD"]


def run_apart(make_coroutine) -> object:
    """Run asyncio code in a thread of its own: playwright's synchronous API keeps an event loop in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(make_coroutine())).result()


def fetch(url: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return {k.lower(): v for k, v in answer.headers.items()}, answer.read()


@pytest.fixture(scope="module")
def deployment(sample_db, tmp_path_factory):
    with running(sample_db, tmp_path_factory.mktemp("deployment"), processes=2) as serving:
        yield serving


def test_sessions_changing_filters_at_once_through_nginx_stay_each_on_one_of_both_processes(deployment):
    figures = run_apart(lambda: load.sessions_at_once(deployment.url, DEPARTMENTS, SESSIONS, changes=2))

    assert figures["changes"] == SESSIONS * 2  # every change answered, each showing the year asked for
    assert 0 < figures["p50_s"] <= figures["p95_s"]
    processes = {url.removeprefix("http://") for _, url in deployment.dashboards}
    per_process = load.sessions_per_process(deployment.access_log)
    assert set(per_process) == processes, per_process
    assert sum(per_process.values()) == SESSIONS
    reached = defaultdict(set)  # the processes each browser's requests reached (static files reach none)
    for request in load.access_log(deployment.access_log):
        if request.process != "-":
            reached[request.route].add(request.process)
    sessions = {r.route for r in load.access_log(deployment.access_log) if r.request.startswith("GET /_stcore/stream")}
    assert len(sessions) == SESSIONS
    assert all(len(reached[route]) == 1 for route in sessions), reached


def test_streamlits_static_files_come_compressed_and_cacheable_and_the_page_is_not_cached(deployment):
    static = Path(streamlit.file_util.get_static_dir())
    bundle = max((static / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)  # Plotly's, 4.6 MB

    headers, body = fetch(f"{deployment.url}/static/js/{bundle.name}")

    assert headers["content-encoding"] == "gzip"
    assert "max-age=31536000" in headers["cache-control"] and "immutable" in headers["cache-control"]
    assert gzip.decompress(body) == bundle.read_bytes()
    assert len(body) < bundle.stat().st_size / 3
    headers, body = fetch(f"{deployment.url}/spend?fy=2024-25")
    assert headers["content-encoding"] == "gzip" and headers["cache-control"] == "no-cache"
    assert b"<!DOCTYPE html>" in gzip.decompress(body)
    assert headers["set-cookie"].startswith("bsdash_route=")


def test_a_browser_draws_the_dashboard_through_nginx_and_changes_its_year(deployment, page):
    page.goto(f"{deployment.url}/?fy=2024-25")
    wait_until_drawn(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    box = page.get_by_role("combobox", name="Financial year")
    with rerun(page):
        box.click()
        box.fill("2023/24")
        page.get_by_role("option", name="2023/24", exact=True).click()
    assert "fy=2023-24" in page.url
    assert error_texts(page) == []


def test_someone_whose_process_stops_is_served_by_the_other_when_they_come_back(sample_db, tmp_path):
    async def open_and_change(serving, cookies: dict[str, str] | None = None) -> dict[str, str]:
        async with Session(serving.url, "", "fy=2024-25", cookies=cookies) as session:
            await session.open()
            await session.change("Financial year", "2022/23", expect_in_url="fy=2022-23")
            return session.cookies

    def last_websocket(serving) -> load.Proxied:
        return [r for r in load.access_log(serving.access_log) if r.request.startswith("GET /_stcore/stream ")][-1]

    with running(sample_db, tmp_path, processes=2) as serving:
        first, second = (url.removeprefix("http://") for _, url in serving.dashboards)
        # New visitors until one is given the first process (each one's route is random: half of them are).
        for _ in range(30):
            cookies = run_apart(lambda: open_and_change(serving))
            if last_websocket(serving).process == first:
                break
        assert last_websocket(serving).process == first
        stop_dashboard(serving.dashboards[0][0])

        run_apart(lambda: open_and_change(serving, cookies))  # back, with the same route: a new session

        came_back = last_websocket(serving)
        assert came_back.route == cookies["bsdash_route"]
        assert came_back.process == second
