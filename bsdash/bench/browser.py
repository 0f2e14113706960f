"""The dashboard in headless Chromium, timed as a user feels it.

- first chart: a new browser context (nothing cached in the browser) opens a page; the clock stops when the
  first Plotly chart is on screen. The first opening of each page after the server starts also runs its
  queries; later ones find them in the server's cache.
- filter change: a different financial year is picked on the overview; the clock stops when the page has run
  again and every chart is redrawn.
- page switch: a page of the sidebar is clicked; the clock stops when the new page has run and drawn.
- through nginx: the first chart of each page again, from the deployment (two processes behind nginx, which
  serves Streamlit's static files compressed and cacheable), and the overview's first chart straight and through
  nginx over an emulated office link, where the size of what is downloaded counts.

Many sessions at once are the load test's (load.py): Chromium windows on the server's two cores would measure
the browsers' drawing more than the server.

How a redraw is recognised is shared with the browser tests: the page counts the runs the server says it has
finished (the `script_finished` message on Streamlit's websocket, read by a script installed in every page before
Streamlit's own), Streamlit marks the app element with the script's state (`data-test-script-state`), and the
elements of the previous run as stale until the new run replaces them. The script's state alone cannot tell that a
run happened: a run's first and last messages that reach a busy browser together are drawn in one go, and the
state never shows "running".
"""

import asyncio
import contextlib
import time

import numpy as np
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bsdash.bench.server import CHROMIUM, CHROMIUM_ARGS, cpu_seconds, peak_rss_mb

# Installed in every page before Streamlit's code (a context's init script): counts in window.__bsdashFinished the
# runs the server has finished, read from the top-level fields of each ForwardMsg on the websocket. The count is
# raised a task and a frame after the message, once the page has drawn what it says.
COUNT_RUNS_JS = """(() => {
  const field = SCRIPT_FINISHED;
  window.__bsdashFinished = 0;
  const finishes = (bytes) => {
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1;
      for (;;) {
        const b = bytes[i++];
        value += (b & 127) * scale;
        if (b < 128 || i >= bytes.length) return value;
        scale *= 128;
      }
    };
    while (i < bytes.length) {
      const tag = varint(), number = Math.floor(tag / 8), wire = tag & 7;
      if (number === field) return wire === 0;
      if (wire === 0) varint();
      else if (wire === 1) i += 8;
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  const counted = () => setTimeout(() => requestAnimationFrame(() => setTimeout(() => {
    window.__bsdashFinished += 1;
  }, 0)), 0);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && finishes(new Uint8Array(event.data))) counted();
      });
    }
  };
})()""".replace("SCRIPT_FINISHED", str(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number))


async def new_context(browser):
    """A new browser context (nothing cached) whose pages count the runs the server finishes."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(COUNT_RUNS_JS)
    return context


# Start watching for a rerun: remembers whether the script ran since.
WATCH_RERUN_JS = """() => {
  window.__bsdashRan = false;
  window.__bsdashFinishedBefore = window.__bsdashFinished || 0;
  if (window.__bsdashWatcher) window.__bsdashWatcher.disconnect();
  window.__bsdashWatcher = new MutationObserver((records) => {
    for (const record of records) {
      const now = record.target.getAttribute('data-test-script-state');
      if (now === 'running' || record.oldValue === 'running') window.__bsdashRan = true;
    }
  });
  // The whole document: a page switch may draw the app element anew.
  window.__bsdashWatcher.observe(document.body, {attributes: true, attributeOldValue: true, subtree: true,
                                                 attributeFilter: ['data-test-script-state']});
}"""
# The page is drawn: the script has finished, nothing of the previous run is left, every chart has its SVG.
# Elements whose code is still loading (Plotly's, the first time) show a skeleton meanwhile.
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""
RERUN_DRAWN_JS = (
    "() => (window.__bsdashRan === true || window.__bsdashFinished > window.__bsdashFinishedBefore) && ("
    + DRAWN_JS
    + ")()"
)
# The first chart is on screen, or the page finished without any chart.
FIRST_CONTENT_JS = """() => {
  const svg = document.querySelector('[data-testid="stPlotlyChart"] .main-svg');
  if (svg && svg.getBoundingClientRect().height > 0) return 'chart';
  const app = document.querySelector('[data-testid="stApp"]');
  const done = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]');
  return done && !document.querySelector('[data-testid="stPlotlyChart"]') ? 'no chart' : false;
}"""
# What the page looks like, to say why it was not recognised as drawn.
STATE_JS = """() => ({
  ran: window.__bsdashRan,
  finished: window.__bsdashFinished,
  finishedBefore: window.__bsdashFinishedBefore,
  script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  connection: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-connection-state'),
  stale: document.querySelectorAll('[data-stale="true"]').length,
  charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  undrawn: [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(c => !c.querySelector('.main-svg'))
    .length,
  skeletons: document.querySelectorAll('[data-testid="stMain"] [data-testid="stSkeleton"]').length,
  heading: document.querySelector('[data-testid="stMain"] h1')?.textContent,
  visibility: document.visibilityState,
})"""
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1440, "height": 1000}
YEARS = ("2023/24", "2022/23", "2021/22", "2025/26")


# An office's link to the force's data centre, for the downloads' share of a first chart (Chrome's own throttling).
OFFICE_LINK = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8, "uploadThroughput": 10e6 / 8}


def measure(url: str, pid: int, *, repeat: int = 3, pages: int | None = None, progress=print) -> dict:
    """Time the dashboard at `url` (served by process `pid`) in Chromium; returns the figures."""
    figures = asyncio.run(_measure(url, repeat, pages, progress, pid))
    figures["server_peak_rss_mb"] = peak_rss_mb(pid)
    return figures


def through(url: str, straight: dict, repeat: int = 3) -> dict:
    """The first charts of the pages measured straight (`straight`: measure's "pages"), opened through the
    deployment at `url`; the overview over the office link."""
    return asyncio.run(_through(url, straight, repeat))


async def _measure(url: str, repeat: int, limit: int | None, progress, pid: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = (await _navigation(browser, url))[:limit]
            progress(f"Browser: opening each of {len(pages)} pages {repeat} times in a new context")
            opening = await _openings(browser, url, pages, repeat)
            progress("Browser: changing the financial year on the overview, then every page in turn")
            used = cpu_seconds(pid)
            changes, switches = await _one_session(browser, url, pages)
            server_cpu = (cpu_seconds(pid) or 0) - (used or 0)
            link = await _over_link(browser, f"{url}/?fy=2024-25", repeat)
        finally:
            await browser.close()
    return {
        **_first_charts(opening),
        "filter_change_s": float(np.median(changes)),
        "filter_change_max_s": max(changes),
        "page_switch_s": float(np.median(list(switches.values()))),
        "page_switch_max_s": max(switches.values()),
        # Server CPU for one session's year changes and page switches in Chromium.
        "server_cpu_per_rerun_s": server_cpu / (len(changes) + len(switches)),
        "overview_office_link_s": link["seconds"],
        "overview_downloaded_mb": link["downloaded_mb"],
        "pages": opening,
        "page_switches": switches,
        "filter_changes": changes,
    }


async def _through(url: str, straight: dict, repeat: int) -> dict:
    """The first charts of the pages measured straight, through the deployment; the overview over the office
    link."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = [(title, page["path"]) for title, page in straight.items()]
            opening = await _openings(browser, url, pages, repeat)
            link = await _over_link(browser, f"{url}/?fy=2024-25", repeat)
        finally:
            await browser.close()
    return {
        **_first_charts(opening),
        "overview_office_link_s": link["seconds"],
        "overview_downloaded_mb": link["downloaded_mb"],
        "pages": opening,
    }


async def _openings(browser, url: str, pages: list[tuple[str, str]], repeat: int) -> dict:
    opening = {}
    for title, path in pages:
        runs = [await _first_content(browser, f"{url}/{path}?fy=2024-25") for _ in range(repeat)]
        opening[title] = {
            "path": path,
            "has_chart": runs[0][1] == "chart",
            "cold_s": runs[0][0],
            "warm_s": float(np.median([r[0] for r in runs[1:]])) if len(runs) > 1 else runs[0][0],
        }
    return opening


def _first_charts(opening: dict) -> dict:
    charted = [o for o in opening.values() if o["has_chart"]]
    if not charted:
        return {"first_chart_s": None, "first_chart_median_s": None, "first_chart_warm_s": None}
    return {
        "first_chart_s": max(o["cold_s"] for o in charted),
        "first_chart_median_s": float(np.median([o["cold_s"] for o in charted])),
        "first_chart_warm_s": max(o["warm_s"] for o in charted),
        "first_chart_warm_median_s": float(np.median([o["warm_s"] for o in charted])),
    }


async def _navigation(browser, url: str) -> list[tuple[str, str]]:
    """Every page in the sidebar: (title, path)."""
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(url)
        await page.wait_for_function(DRAWN_JS, timeout=TIMEOUT_MS)
        more = page.locator('[data-testid="stSidebarNavViewButton"]')
        if await more.count():
            await more.click()
        links = page.locator('[data-testid="stSidebarNavLink"]')
        found = []
        for i in range(await links.count()):
            link = links.nth(i)
            href = await link.get_attribute("href") or ""
            title = (await link.inner_text()).strip().splitlines()[-1].strip()  # after the icon's name
            found.append((title, href.split("?")[0].rstrip("/").rsplit("/", 1)[-1]))
        # The start page's link is the site itself.
        return [(title, "" if url.rstrip("/").endswith(path) else path) for title, path in found]
    finally:
        await context.close()


async def _over_link(browser, address: str, repeat: int) -> dict:
    """The first chart over the office link in a new context (the median of `repeat` openings), and the megabytes
    the browser downloaded for it."""
    runs = [await _once_over_link(browser, address) for _ in range(repeat)]
    return {"seconds": float(np.median([r[0] for r in runs])), "downloaded_mb": runs[0][1]}


async def _once_over_link(browser, address: str) -> tuple[float, float]:
    context = await new_context(browser)
    try:
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        received: list[float] = []
        cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", OFFICE_LINK)
        started = time.perf_counter()
        await page.goto(address, wait_until="commit")
        await page.wait_for_function(FIRST_CONTENT_JS, timeout=TIMEOUT_MS, polling="raf")
        return time.perf_counter() - started, sum(received) / 1e6
    finally:
        await context.close()


async def _first_content(browser, address: str) -> tuple[float, str]:
    context = await new_context(browser)
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(address, wait_until="commit")
        handle = await page.wait_for_function(FIRST_CONTENT_JS, timeout=TIMEOUT_MS, polling="raf")
        elapsed = time.perf_counter() - started
        return elapsed, await handle.json_value()
    finally:
        await context.close()


async def _rerun(page, action) -> float:
    """Seconds from an action to the page being redrawn after the rerun it causes."""
    await page.evaluate(WATCH_RERUN_JS)
    started = time.perf_counter()
    await action()
    return await _wait_redrawn(page, started)


async def _wait_redrawn(page, started: float) -> float:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_function(RERUN_DRAWN_JS, timeout=TIMEOUT_MS, polling="raf")
    except PlaywrightTimeout as error:
        state = await page.evaluate(STATE_JS)
        raise RuntimeError(f"{page.url} was not redrawn within {TIMEOUT_MS / 1000:.0f} s: {state}") from error
    return time.perf_counter() - started


async def _pick_year(page, year: str) -> float:
    """Seconds from choosing a year to the redraw. On a loaded machine a click can land while the virtualised list
    is being redrawn and choose nothing; then the year is chosen again (the time counts from the first click)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_role("combobox", name="Financial year")

    async def choose() -> None:
        await box.click()
        await box.fill(year)
        option = page.get_by_role("option", name=year, exact=True)
        await option.wait_for(timeout=TIMEOUT_MS)
        await option.click()

    started = time.perf_counter()
    await page.evaluate(WATCH_RERUN_JS)
    await choose()
    for _attempt in range(2):
        with contextlib.suppress(PlaywrightTimeout):
            await page.wait_for_function(RERUN_DRAWN_JS, timeout=TIMEOUT_MS / 4, polling="raf")
            return time.perf_counter() - started
        if await page.evaluate("() => window.__bsdashRan"):
            break  # the click took: the page is only slow
        await choose()
    return await _wait_redrawn(page, started)


async def _one_session(browser, url: str, pages: list[tuple[str, str]]) -> tuple[list[float], dict[str, float]]:
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(f"{url}/?fy=2024-25")
        await page.wait_for_function(DRAWN_JS, timeout=TIMEOUT_MS)
        changes = [await _pick_year(page, year) for year in YEARS]
        switches = {}
        more = page.locator('[data-testid="stSidebarNavViewButton"]')
        for title, _path in [*pages[1:], pages[0]]:
            # Past ten pages the rest are folded under "View N more"; once unfolded it reads "View less".
            if await more.count() and "more" in (await more.inner_text()).lower():
                await more.click()
            link = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=title).first
            switches[title] = await _rerun(page, link.click)
        return changes, switches
    finally:
        await context.close()
