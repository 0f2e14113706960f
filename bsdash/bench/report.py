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
    lines += _browser(result.get("browser"))
    lines += _load(result.get("load"))
    lines += ["", "Targets"]
    for t in result["targets"]:
        mark = {True: "met", False: "MISSED", None: "-"}[t["met"]]
        limit = f"{'>=' if t['unit'] in ('x', 'rows/s') else '<='} {_value(t['limit'], t['unit'])}"
        note = f"  ({t['note']})" if t["note"] else ""
        lines.append(f"  {t['target']:45} {limit:>20}  {_value(t['measured'], t['unit']):>18}  {mark}{note}")
    lines.append(f"\n{result['seconds']:.0f} s in all")
    return "\n".join(lines)


def _browser(browser: dict | None) -> list[str]:
    if not browser:
        return []
    nginx = browser.get("nginx") or {}
    lines = [
        "",
        "Browser (headless Chromium on the same machine), seconds: first chart in a new context "
        "(first opening after the server starts / later ones)" + ("; through nginx the same" if nginx else ""),
    ]
    for title, page in browser["pages"].items():
        what = "first chart" if page["has_chart"] else "drawn (no chart)"
        through = (nginx.get("pages") or {}).get(title)
        beside = f"   nginx {through['cold_s']:6.2f} / {through['warm_s']:.2f}" if through else ""
        lines.append(f"  {title:28} {what:18} {page['cold_s']:6.2f} / {page['warm_s']:.2f}{beside}")
    if nginx:
        lines.append(
            f"  median first chart: straight {browser['first_chart_median_s']:.2f} "
            f"(later {browser['first_chart_warm_median_s']:.2f}), through nginx {nginx['first_chart_median_s']:.2f} "
            f"(later {nginx['first_chart_warm_median_s']:.2f})"
        )
        lines.append(
            f"  overview over an emulated office link (20 Mbit/s, 40 ms): straight "
            f"{browser['overview_office_link_s']:.2f} ({browser['overview_downloaded_mb']:.1f} MB downloaded), "
            f"through nginx {nginx['overview_office_link_s']:.2f} ({nginx['overview_downloaded_mb']:.1f} MB)"
        )
    lines.append("  page switch: " + ", ".join(f"{t} {s:.2f}" for t, s in browser["page_switches"].items()))
    lines.append("  filter changes: " + ", ".join(f"{s:.2f}" for s in browser["filter_changes"]))
    return lines


def _load(load: dict | None) -> list[str]:
    if not load:
        return []
    cpu = load["cpu_per_change"]
    lines = [
        "",
        "Load test (sessions speaking Streamlit's protocol, no browser), seconds from a filter change sent to the "
        "script's finished message",
        f"  server CPU per filter change, one session ({cpu['warmed']['changes']} changes of year and department): "
        f"{cpu['warmed']['cpu_per_change_s']:.3f} s after the warm-up, {cpu['cached']['cpu_per_change_s']:.3f} s "
        f"to figures asked for before, {cpu['uncached']['cpu_per_change_s']:.3f} s to figures nobody asked for "
        f"(no warm-up); {cpu['warmed']['kb_per_change']:.0f} kB sent each",
    ]
    warming = load.get("warm_up")
    if warming:
        lines.append(
            f"  warm-up of one process: {warming['figures']:,} figures ({warming['choices']} choices of the "
            f"filters) in {warming['seconds']:.0f} s, {warming['server_cpu_s']:.0f} s of the server's CPU"
        )
    for name, levels in (("one process", load["protocol_sessions"]), ("nginx", load["deployment_sessions"])):
        if name == "nginx" and levels:
            name = f"{load['deployment_processes']} processes behind nginx"
        for n, level in levels.items():
            lines.append(
                f"  {name}, {n:>3} sessions: change median {level['p50_s']:.2f}, p95 {level['p95_s']:.2f}, "
                f"max {level['max_s']:.2f} ({level['changes']} changes, {level['changes_per_s']:.1f}/s); "
                f"opening p95 {level['open_p95_s']:.2f}; server CPU {level['server_cpu_s']:.0f} s in "
                f"{level['seconds']:.0f} s ({level['server_cores_used']:.2f} cores), "
                f"peak {level['server_peak_rss_mb']:.0f} MB; clients' CPU {level['clients_cpu_s']:.1f} s"
            )
    return lines
