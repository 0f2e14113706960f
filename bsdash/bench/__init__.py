"""`python -m bsdash bench`: how fast the dashboard is at a given scale, against what an analyst would write.

One run builds (or reuses) a sample database at the scale asked, then measures every named query cold and
warm, the same figures computed with pandas over CSV files, the import of a one-million-row spend export, the
process's peak memory, and the dashboard itself in headless Chromium (first chart, filter change, page switch,
ten sessions at once, the server's peak memory). It prints a table and can write the figures as JSON.
"""

import contextlib
import json
import math
import os
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb

from bsdash.bench import measure
from bsdash.bench.data import BenchData
from bsdash.bench.views import VIEWS
from bsdash.store.queries import Registry

IMPORT_ROWS = 1_000_000
# The targets at ten million payments on a 2-core machine: (key, what, limit, unit, higher is better).
TARGETS = (
    ("query_p50_ms", "every page query, median", 100, "ms", False),
    ("speedup_vs_pandas_geomean", "faster than pandas (geometric mean)", 10, "x", True),
    ("import_rows_per_s", "import speed", 200_000, "rows/s", True),
    ("first_chart_s", "first chart, new browser context", 3, "s", False),
    ("filter_change_s", "filter change redrawn", 0.5, "s", False),
    ("concurrent10_filter_p95_s", "10 sessions at once, filter change p95", 1.5, "s", False),
    ("server_peak_rss_mb", "dashboard server's peak memory", 1024, "MB", False),
)


def run(
    data: BenchData,
    *,
    repeat: int = 20,
    pandas_repeat: int = 3,
    browser_repeat: int = 3,
    sessions: int = 10,
    pages: int | None = None,
    import_rows: int = IMPORT_ROWS,
    browser: bool = True,
    progress=None,
) -> dict:
    """Measure everything once; returns the figures (see the module's docstring)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    started = time.perf_counter()
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
    figures_browser = None
    if browser:
        from bsdash.bench import browser as chromium

        departments = _departments(data.database)
        figures_browser = chromium.measure(
            data.database,
            data.folder / "streamlit.log",
            repeat=browser_repeat,
            sessions=sessions,
            departments=departments,
            pages=pages,
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
        "seconds": None,
    }
    ratios = [
        v["speedup"] for q in result["queries"].values() for v in (q, q.get("filtered") or {}) if v.get("speedup")
    ]
    result["speedup_vs_pandas_geomean"] = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else None
    result["targets"] = targets(result)
    result["seconds"] = time.perf_counter() - started
    return result


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
        "first_chart_s": browser.get("first_chart_s"),
        "filter_change_s": browser.get("filter_change_s"),
        "concurrent10_filter_p95_s": browser.get("concurrent10_filter_p95_s"),
        "server_peak_rss_mb": browser.get("server_peak_rss_mb"),
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
        "load_average_at_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def report(result: dict) -> str:
    """The figures as a readable table."""
    from bsdash.bench.report import table

    return table(result)


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
