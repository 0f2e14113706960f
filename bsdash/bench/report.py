"""The benchmark's figures as a table a person reads."""

from bsdash.bench.views import VIEWS


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}x" if value >= 10 else f"{value:.1f}x"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "x":
        return f"{value:,.1f}x"
    return f"{value:.2f} s"


def table(result: dict) -> str:
    scale, machine = result["scale"], result["machine"]
    lines = [
        f"bsdash bench: {scale['payments']:,} payments, {scale['tickets']:,} tickets "
        f"(sample scale {scale['sample_scale']:g}, tickets {scale['ticket_scale']:g}); "
        f"database {scale['database_mb']:,} MB, spend_monthly {scale.get('spend_monthly_rows') or 0:,} rows",
        f"machine: {machine['cpus']} CPUs ({machine['cpu'] or 'unknown'}), {machine['memory_gb']} GiB, "
        f"{machine['system']}, Python {machine['python']}, DuckDB {machine['duckdb']}, {machine['measured_at']}",
        "",
        "Named queries, milliseconds (cold = first run on a newly opened database; p50/p95 of warm runs; "
        "pandas = the same figures with pandas over CSV files)",
    ]
    views = " | ".join(f"{v.name:^44}" for v in VIEWS)
    lines.append(f"{'':34} | {views}")
    cells = " | ".join(f"{'cold':>7} {'p50':>7} {'p95':>7} {'pandas':>8} {'faster':>8} {'rows':>0}" for _ in VIEWS)
    lines.append(f"{'query':34} | {cells}")
    for name, entry in sorted(result["queries"].items()):
        parts = []
        for view in VIEWS:
            v = entry if view is VIEWS[0] else entry.get(view.name, {})
            flag = "" if v.get("same_figures", True) else "!"
            parts.append(
                f"{_ms(v.get('cold_ms')):>7} {_ms(v.get('p50_ms')):>7} {_ms(v.get('p95_ms')):>7} "
                f"{_ms(v.get('pandas_p50_ms')):>8} {_x(v.get('speedup')):>7}{flag:1} {v.get('rows', ''):>0}"
            )
        lines.append(f"{name:34} | " + " | ".join(parts))
    differing = [n for n, e in result["queries"].items() if not e.get("same_figures", True)]
    if differing:
        lines.append(f"! pandas gave different figures for: {', '.join(differing)}")
    imported = result["import"]
    lines += [
        "",
        f"pandas: CSV files read in {result['pandas_load_s']:.1f} s (not counted above)",
        f"import: {imported['rows']:,} rows ({imported['megabytes']:,.0f} MB) in {imported['seconds']:.1f} s: "
        f"loaded {imported['loaded']:,}, quarantined {imported['quarantined']:,}, "
        f"duplicates {imported['duplicates']:,}",
        f"peak memory of this process: {result['peak_rss_mb_queries']:,.0f} MB after the queries, "
        f"{result['peak_rss_mb']:,.0f} MB in all (the pandas way holds every table in memory)",
    ]
    browser = result.get("browser")
    if browser:
        lines += [
            "",
            "Browser (headless Chromium on the same machine), seconds: first chart in a new context "
            "(first opening after the server starts / later ones)",
        ]
        for title, page in browser["pages"].items():
            what = "first chart" if page["has_chart"] else "drawn (no chart)"
            lines.append(f"  {title:28} {what:18} {page['cold_s']:6.2f} / {page['warm_s']:.2f}")
        lines.append("  page switch: " + ", ".join(f"{t} {s:.2f}" for t, s in browser["page_switches"].items()))
        lines.append("  filter changes: " + ", ".join(f"{s:.2f}" for s in browser["filter_changes"]))
        n = browser.get("sessions", 10)
        for mode, what in (("filter", "working at once (1-3 s pauses)"), ("burst", "all changing at the same moment")):
            key = f"concurrent{n}_{mode}"
            if f"{key}_p50_s" in browser:
                lines.append(
                    f"  {n} sessions {what}: median {browser[f'{key}_p50_s']:.2f}, "
                    f"95th percentile {browser[f'{key}_p95_s']:.2f} ({browser['concurrent_changes']} changes)"
                )
    lines += ["", "Targets"]
    for t in result["targets"]:
        mark = {True: "met", False: "MISSED", None: "-"}[t["met"]]
        limit = f"{'>=' if t['unit'] in ('x', 'rows/s') else '<='} {_value(t['limit'], t['unit'])}"
        note = f"  ({t['note']})" if t["note"] else ""
        lines.append(f"  {t['target']:45} {limit:>20}  {_value(t['measured'], t['unit']):>18}  {mark}{note}")
    lines.append(f"\n{result['seconds']:.0f} s in all")
    return "\n".join(lines)
