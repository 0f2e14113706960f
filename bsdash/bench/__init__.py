"""`python -m bsdash bench`: how fast the dashboard is at a given scale, against what an analyst would write.

One run builds (or reuses) a sample database at the scale asked, then measures every named query cold and
warm, the same figures computed with pandas over CSV files, the import of a one-million-row spend export, the
process's peak memory; then the dashboard served as it runs, each process once its warm-up has finished: in
headless Chromium, one session (first chart, filter change, page switch), straight and through nginx; and the
load test, sessions speaking Streamlit's protocol without a browser (10, 25 and 50 sessions at once against one
process and against several behind nginx; the server's peak memory); and the server's CPU per filter change,
after the warm-up, again, and with no warm-up. It prints a table and can write the figures as JSON.
"""

import contextlib
import json
import math
import os
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import duckdb

from bsdash.bench import measure
from bsdash.bench.data import BenchData
from bsdash.bench.views import VIEWS
from bsdash.store.queries import Registry

IMPORT_ROWS = 1_000_000
PROTOCOL_LEVELS = (10, 25, 50)
# The targets at ten million payments on a 2-core machine: (key, what, limit, unit, higher is better).
TARGETS = (
    ("query_p50_ms", "slowest page query, median", 30, "ms", False),
    ("speedup_vs_pandas_geomean", "faster than pandas (geometric mean)", 25, "x", True),
    ("import_rows_per_s", "import speed", 500_000, "rows/s", True),
    ("server_cpu_per_rerun_s", "server CPU per filter change", 0.08, "s", False),
    ("filter_change_s", "filter change redrawn, Chromium", 0.4, "s", False),
    ("first_chart_median_s", "first chart, new context, median", 2.0, "s", False),
    ("first_chart_s", "first chart, new context, slowest page", 2.5, "s", False),
    ("protocol10_p95_s", "10 sessions at once, change p95", 1.0, "s", False),
    ("protocol50_p95_s", "50 sessions at once, change p95", 3.0, "s", False),
    ("server_peak_rss_mb", "dashboard server's peak memory", 600, "MB", False),
)


def run(
    data: BenchData,
    *,
    repeat: int = 20,
    pandas_repeat: int = 3,
    browser_repeat: int = 3,
    pages: int | None = None,
    import_rows: int = IMPORT_ROWS,
    browser: bool = True,
    protocol_levels: tuple[int, ...] = PROTOCOL_LEVELS,
    protocol_changes: int = 4,
    cpu_changes: int = 40,
    processes: int = 2,
    warm: str = "all",
    progress=None,
) -> dict:
    """Measure everything once; returns the figures (see the module's docstring). `warm`: the servers' warm-up
    (bsdash.ui.warm: "all", or "years" for every year with all departments only)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    started = time.perf_counter()
    load_at_start = os.getloadavg()  # the machine may be shared: say how busy it was
    if not data.is_built():
        progress(f"Building the sample at scale {data.scale:g} (tickets {data.ticket_scale:g}) in {data.folder}")
        data.build(lambda fraction, message: progress(f"  [{fraction:4.0%}] {message}"))
    else:
        progress(f"Reusing the sample database in {data.folder}")
    registry = Registry()
    counts = measure.row_counts(data.database)
    queries = measure.time_queries(data.database, registry, repeat, progress)
    rss_queries = measure.peak_rss_mb()
    imported = measure.time_import(data, import_rows, progress)
    rss_import = measure.peak_rss_mb()
    figures_browser, figures_load = _serving(
        data,
        departments=_departments(data.database),
        browser=browser,
        browser_repeat=browser_repeat,
        pages=pages,
        protocol_levels=protocol_levels,
        protocol_changes=protocol_changes,
        cpu_changes=cpu_changes,
        processes=processes,
        warm=warm,
        progress=progress,
    )
    pandas_figures, pandas_load_s, export_s = measure.time_pandas(data, registry, pandas_repeat, progress)
    result = {
        "machine": machine(),
        "scale": {
            "sample_scale": data.scale,
            "ticket_scale": data.ticket_scale,
            "payments": counts.get("spend"),
            "tickets": counts.get("tickets"),
            "spend_monthly_rows": counts.get("spend_monthly"),
            "database_mb": round(data.database.stat().st_size / 1e6),
            "tables": counts,
        },
        "queries": _queries(queries, pandas_figures),
        "speedup_vs_pandas_geomean": None,
        "import_rows_per_s": imported["rows_per_s"],
        "import": imported,
        "peak_rss_mb": measure.peak_rss_mb(),
        "peak_rss_mb_queries": rss_queries,
        "peak_rss_mb_import": rss_import,
        "pandas_load_s": pandas_load_s,
        "pandas_export_s": export_s,
        "browser": figures_browser,
        "server_cpu_per_rerun_s": (figures_load or {}).get("server_cpu_per_rerun_s"),
        "protocol_sessions": (figures_load or {}).get("protocol_sessions"),
        "load": figures_load,
        "seconds": None,
    }
    ratios = [
        v["speedup"] for q in result["queries"].values() for v in (q, q.get("filtered") or {}) if v.get("speedup")
    ]
    result["speedup_vs_pandas_geomean"] = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else None
    result["machine"]["load_average_at_start"] = load_at_start
    result["targets"] = targets(result)
    result["seconds"] = time.perf_counter() - started
    return result


def _serving(
    data: BenchData,
    *,
    departments: list[str],
    browser: bool,
    browser_repeat: int,
    pages: int | None,
    protocol_levels: tuple[int, ...],
    protocol_changes: int,
    cpu_changes: int,
    processes: int,
    warm: str,
    progress,
) -> tuple[dict | None, dict | None]:
    """The dashboard as people meet it, served as it is run: one process that has finished its warm-up (Chromium's
    session, then the load test against it), then `processes` of them behind nginx (Chromium's first charts and
    the load test through it), then the server's CPU per change (bsdash.bench.load.server_cpu)."""
    from bsdash.bench import browser as chromium
    from bsdash.bench import load
    from bsdash.bench.server import peak_rss_mb, serving, warm_up
    from bsdash.deploy.local import running

    if not (browser or protocol_levels):
        return None, None
    figures_browser, one_process, deployed = None, {}, {}
    progress("Starting one dashboard process and waiting for its warm-up")
    with serving(data.database, data.folder / "streamlit.log", warm=warm) as (process, url, warming):
        progress(f"  warmed {warming['figures']:,} figures in {warming['seconds']:.0f} s")
        if browser:
            figures_browser = chromium.measure(url, process.pid, repeat=browser_repeat, pages=pages, progress=progress)
        one_process = load.sessions_against(
            url, [process], departments, protocol_levels, protocol_changes, "one process", progress
        )
        peak_one = peak_rss_mb(process.pid)
    if processes:
        progress(f"Starting {processes} dashboard processes behind nginx and waiting for their warm-ups")
        with running(data.database, data.folder / "deployment", processes, {"BSDASH_WARM": warm}) as deployment:
            with ThreadPoolExecutor(processes) as each:
                list(
                    each.map(
                        lambda i: warm_up(deployment.dashboards[i][1], deployment.dashboards[i][0], deployment.log(i)),
                        range(processes),
                    )
                )
            if figures_browser is not None:
                progress("Browser: the same pages through nginx")
                figures_browser["nginx"] = chromium.through(deployment.url, figures_browser["pages"], browser_repeat)
            servers = [p for p, _ in deployment.dashboards]
            deployed = load.sessions_against(
                deployment.url,
                servers,
                departments,
                protocol_levels,
                protocol_changes,
                "nginx",
                progress,
                access_log=deployment.access_log,
            )
    if not protocol_levels:
        return figures_browser, None
    cpu = load.server_cpu(data.database, data.folder, cpu_changes, warm, progress)
    return figures_browser, {
        "server_cpu_per_rerun_s": cpu["warmed"]["cpu_per_change_s"],
        "server_cpu_per_uncached_rerun_s": cpu["uncached"]["cpu_per_change_s"],
        "server_cpu_per_cached_rerun_s": cpu["cached"]["cpu_per_change_s"],
        "cpu_per_change": cpu,
        "warm_up": warming,
        "protocol_sessions": one_process,
        "one_process_peak_rss_mb": peak_one,
        "deployment_sessions": deployed,
        "deployment_processes": processes,
    }


def _departments(database: Path) -> list[str]:
    from bsdash.store import db

    con = db.connect(database, read_only=True)
    try:
        return [r[0] for r in con.execute("select department_id from departments order by department_id").fetchall()]
    finally:
        con.close()


def _queries(timed: dict, pandas_figures: dict) -> dict:
    """{query: the year view's figures, with the filtered view's under "filtered"}."""
    out = {}
    for name, by_view in timed.items():
        entry: dict = {}
        for view in VIEWS:
            if view.name not in by_view:
                continue
            figures = dict(by_view[view.name])
            theirs = pandas_figures.get(name, {}).get(view.name)
            if theirs:
                figures.update(theirs)
                figures["speedup"] = theirs["pandas_p50_ms"] / figures["p50_ms"]
            if view is VIEWS[0]:
                entry.update(figures)
            else:
                entry[view.name] = figures
        out[name] = entry
    return out


def targets(result: dict) -> list[dict]:
    browser = result.get("browser") or {}
    sessions = result.get("protocol_sessions") or {}
    slowest = max(
        (
            (v["p50_ms"], f"{name} ({view})")
            for name, q in result["queries"].items()
            for view, v in (("year", q), ("filtered", q.get("filtered") or {}))
            if "p50_ms" in v
        ),
        default=(None, None),
    )
    measured = {
        "query_p50_ms": slowest[0],
        "speedup_vs_pandas_geomean": result.get("speedup_vs_pandas_geomean"),
        "import_rows_per_s": result.get("import_rows_per_s"),
        "server_cpu_per_rerun_s": result.get("server_cpu_per_rerun_s"),
        "filter_change_s": browser.get("filter_change_s"),
        "first_chart_median_s": browser.get("first_chart_median_s"),
        "first_chart_s": browser.get("first_chart_s"),
        "protocol10_p95_s": (sessions.get("10") or {}).get("p95_s"),
        "protocol50_p95_s": (sessions.get("50") or {}).get("p95_s"),
        "server_peak_rss_mb": server_peak_rss_mb(result),
    }
    out = []
    for key, what, limit, unit, higher in TARGETS:
        value = measured[key]
        met = None if value is None else (value >= limit if higher else value <= limit)
        note = f"slowest: {slowest[1]}" if key == "query_p50_ms" and slowest[1] else ""
        out.append(
            {"key": key, "target": what, "limit": limit, "unit": unit, "measured": value, "met": met, "note": note}
        )
    return out


def server_peak_rss_mb(result: dict) -> float | None:
    """The most any one dashboard process held: in Chromium's session or under a load test of one process."""
    peaks = [(result.get("browser") or {}).get("server_peak_rss_mb")]
    peaks += [level["server_peak_rss_mb"] for level in (result.get("protocol_sessions") or {}).values()]
    peaks = [p for p in peaks if p]
    return max(peaks) if peaks else None


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    with contextlib.suppress(ValueError, OSError):
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "load_average_at_end": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def report(result: dict) -> str:
    """The figures as a readable table."""
    from bsdash.bench.report import table

    return table(result)


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
