"""Timing the named queries (cold and warm), the pandas way, and an import; the process's peak memory."""

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bsdash.bench import pandas_way
from bsdash.bench.data import BenchData, million_row_export, reference_database
from bsdash.bench.views import VIEWS, data_defaults
from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from bsdash.store.queries import Registry

Progress = Callable[[str], None]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summary(samples_s: list[float]) -> dict[str, float]:
    ms = np.array(samples_s) * 1000
    return {"p50_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95)), "runs": len(ms)}


def defaults(database: Path):
    con = db.connect(database, read_only=True)
    try:
        return data_defaults(con)
    finally:
        con.close()


def row_counts(database: Path) -> dict[str, int]:
    con = db.connect(database, read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {t: db.scalar(con, f'select count(*) from "{t}"') for t in tables}  # noqa: S608
    finally:
        con.close()


def time_queries(database: Path, registry: Registry, repeat: int, progress: Progress) -> dict[str, dict]:
    """Every named query in each view: cold (the first run on a newly opened database) and warm.

    Warm runs go the way the dashboard's do: one read-only connection, a cursor per query. Returns
    {query: {view: {"cold_ms", "p50_ms", "p95_ms", "runs", "rows"}}}; a query a view cannot fill is left out.
    """
    known = defaults(database)
    results: dict[str, dict] = {}
    plan = [(name, view, view.params(registry.get(name), known)) for name in registry.names() for view in VIEWS]
    plan = [(name, view, params) for name, view, params in plan if params is not None]
    progress(f"Timing {len(plan)} query runs cold (a newly opened database each)")
    for name, view, params in plan:
        con = db.connect(database, read_only=True)
        try:
            started = time.perf_counter()
            frame = registry.run(con.cursor(), name, params)
            cold = time.perf_counter() - started
        finally:
            con.close()
        results.setdefault(name, {})[view.name] = {"cold_ms": cold * 1000, "rows": len(frame)}
    progress(f"Timing them warm, {repeat} runs each")
    con = db.connect(database, read_only=True)
    try:
        for name, view, params in plan:
            samples = []
            for i in range(repeat + 1):
                cursor = con.cursor()
                started = time.perf_counter()
                registry.run(cursor, name, params)
                if i:  # the first run after the cold one warms this connection's caches
                    samples.append(time.perf_counter() - started)
                cursor.close()
            results[name][view.name].update(summary(samples))
    finally:
        con.close()
    return results


def time_pandas(
    data: BenchData, registry: Registry, repeat: int, progress: Progress
) -> tuple[dict[str, dict], float, float]:
    """The pandas way for each query and view. Returns ({query: {view: {"p50_ms", "same"}}}, load s, export s)."""
    started = time.perf_counter()
    if not (data.tables / "spend.csv").exists():
        progress("Exporting the tables as CSV for the pandas way")
        con = db.connect(data.database, read_only=True)
        try:
            pandas_way.export_tables(con, data.tables)
        finally:
            con.close()
    exported = time.perf_counter() - started
    progress("Reading the CSV files with pandas (once)")
    frames, loaded = pandas_way.load(data.tables)
    known = defaults(data.database)
    results: dict[str, dict] = {}
    con = db.connect(data.database, read_only=True)
    try:
        for name, compute in pandas_way.COMPUTATIONS.items():
            if name not in registry:
                continue
            for view in VIEWS:
                params = view.params(registry.get(name), known)
                if params is None:
                    continue
                bound = registry.get(name).bind(params)
                samples, result = [], None
                for _ in range(repeat):
                    started = time.perf_counter()
                    result = compute(frames, bound)
                    samples.append(time.perf_counter() - started)
                difference = pandas_way.same_figures(registry.run(con.cursor(), name, params), result)
                results.setdefault(name, {})[view.name] = {
                    "pandas_p50_ms": statistics.median(samples) * 1000,
                    "same_figures": difference is None,
                    **({"difference": difference[:300]} if difference else {}),
                }
            progress(f"  pandas: {name}")
    finally:
        con.close()
    del frames
    return results, loaded, exported


def time_import(data: BenchData, rows: int, progress: Progress) -> dict[str, float]:
    """Import a spend export of `rows` payments into a new database holding the reference data."""
    with tempfile.TemporaryDirectory(prefix="bsdash-bench-", dir=data.folder) as work:
        export = Path(work) / "spend-export.csv"
        written = million_row_export(data, rows, export)
        megabytes = export.stat().st_size / 1e6
        database = reference_database(data, Path(work) / "import.duckdb")
        progress(f"Importing a {written:,}-row spend export")
        con = db.connect(database)
        try:
            started = time.perf_counter()
            report = import_file(con, export, "spend", user="bench")
            seconds = time.perf_counter() - started
        finally:
            con.close()
    return {
        "rows": report.rows_read,
        "loaded": report.loaded,
        "quarantined": report.quarantined,
        "duplicates": report.duplicates,
        "seconds": seconds,
        "rows_per_s": report.rows_read / seconds,
        "megabytes": megabytes,
    }
