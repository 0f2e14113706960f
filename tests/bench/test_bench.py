"""The benchmark's machinery at a tiny scale: one run gives every figure of its JSON, each a positive number (the
load test's sessions speaking Streamlit's protocol and the deployment behind nginx included), and the pandas way
computes the same figures as the named queries (so the speed-up compares like with like). The full run at ten
million payments is a command (`python -m bsdash bench`), not a test: it takes minutes."""

import json
import subprocess
import sys

import pytest

from bsdash.bench import pandas_way
from bsdash.bench.views import VIEWS, data_defaults
from bsdash.store.queries import Registry
from tests.conftest import ROOT


@pytest.mark.browser
def test_a_tiny_benchmark_run_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    quick = [
        "--repeat",
        "2",
        "--pandas-repeat",
        "1",
        "--browser-repeat",
        "1",
        "--pages",
        "3",
        "--protocol-sessions",
        "3",
        "--protocol-changes",
        "2",
        "--cpu-changes",
        "6",
        "--processes",
        "2",
        "--import-rows",
        "20000",  # a million at full size: the tiny run times the same import on a fiftieth of it
        "--warm",
        "years",  # each department on its own too at full size
        "--json",
        str(out),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "bsdash", "bench", "--scale", "0.02", "--folder", str(tmp_path / "data"), *quick],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Targets" in result.stdout and "slowest page query, median" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["scale"]["payments"] > 0 and figures["scale"]["tickets"] > 0
    assert set(Registry().names()) - set(figures["queries"]) <= {"tender_bids_of_contract"}
    for name, query in figures["queries"].items():
        for view in (query, query.get("filtered") or {}):
            if view:
                assert view["p50_ms"] > 0 and view["p95_ms"] >= view["p50_ms"] and view["cold_ms"] > 0, name
                assert view.get("same_figures", True), f"{name}: {view.get('difference')}"
    assert figures["queries"]["spend_by_service"]["pandas_p50_ms"] > 0
    for key in ("speedup_vs_pandas_geomean", "import_rows_per_s", "peak_rss_mb"):
        assert figures[key] > 0, key
    browser = figures["browser"]
    for key in ("first_chart_s", "first_chart_median_s", "filter_change_s", "page_switch_s", "server_peak_rss_mb"):
        assert browser[key] > 0, key
    through_nginx = browser["nginx"]
    assert set(through_nginx["pages"]) == set(browser["pages"])
    assert through_nginx["first_chart_median_s"] > 0 and through_nginx["overview_office_link_s"] > 0
    # Streamlit sends its JavaScript uncompressed; nginx sends it compressed: a first visit downloads far less.
    assert through_nginx["overview_downloaded_mb"] < browser["overview_downloaded_mb"] / 2
    # The load test: the server's CPU per change, and 3 sessions at once (--protocol-sessions 3) making 2 changes
    # each, against one process and through nginx in front of two.
    assert 0 < figures["server_cpu_per_rerun_s"] < 30
    cpu = figures["load"]["cpu_per_change"]
    assert cpu["uncached"]["changes"] == cpu["warmed"]["changes"] == cpu["cached"]["changes"] == 6
    for key in ("server_cpu_per_uncached_rerun_s", "server_cpu_per_cached_rerun_s"):
        assert figures["load"][key] > 0, key
    # Every server measured had finished its warm-up: every year for all departments, each page's figures.
    assert figures["load"]["warm_up"]["choices"] == 5 and figures["load"]["warm_up"]["figures"] == 5 * 8
    for level in (figures["protocol_sessions"]["3"], figures["load"]["deployment_sessions"]["3"]):
        assert level["changes"] == 6
        assert 0 < level["p50_s"] <= level["p95_s"] <= level["max_s"]
        assert level["server_cpu_s"] > 0 and level["server_peak_rss_mb"] > 0
    assert sum(figures["load"]["deployment_sessions"]["3"]["sessions_per_process"].values()) == 3
    reported = {t["key"]: t for t in figures["targets"]}
    assert reported["server_cpu_per_rerun_s"]["measured"] == figures["server_cpu_per_rerun_s"]
    assert reported["protocol10_p95_s"]["measured"] is None  # not asked for


def test_the_pandas_way_gives_the_figures_of_the_named_queries(sample_con, tmp_path):
    pandas_way.export_tables(sample_con, tmp_path)
    frames, _ = pandas_way.load(tmp_path)
    registry = Registry()
    known = data_defaults(sample_con)
    for name, compute in pandas_way.COMPUTATIONS.items():
        for view in VIEWS:
            params = registry.get(name).bind(view.params(registry.get(name), known))
            difference = pandas_way.same_figures(registry.run(sample_con, name, params), compute(frames, params))
            assert difference is None, f"{name} ({view.name}): {difference}"
