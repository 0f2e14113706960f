"""The load test: many sessions changing filters at once, each spoken over Streamlit's protocol (protocol.py).

Each session opens the overview on a department of its own (past the number of departments, a pair of them),
as planners of different departments would. Like people at work, each starts within two seconds and pauses one
to three seconds after every answer before changing the financial year again; every year it picks is one it has
not seen. The figure is the server's answer to each change: from the rerun sent to the script's finished
message (no drawing). The servers have finished their warm-up (bsdash.ui.warm), as a server that has been up a
while has: each session's figures were made once, before it asked.

The server's CPU per filter change is measured apart, with one session alone, from /proc: the CPU the server
process used over many changes (a year, then a department, and so on), divided by their number; on a server
with no warm-up (figures nobody has asked for), on one after its warm-up, and the same changes again.
"""

import asyncio
import random
import resource
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from bsdash.bench.protocol import Answer, Session
from bsdash.bench.server import cpu_seconds, peak_rss_mb, serving

YEAR_LABEL, DEPARTMENTS_LABEL = "Financial year", "Departments"
START_YEAR = "2024/25"
# The years each session moves through after opening on START_YEAR: every one new to it.
YEARS = ("2023/24", "2022/23", "2021/22", "2025/26")


def department_sets(departments: list[str], sessions: int) -> list[list[str]]:
    """One department per session, then pairs: `sessions` different selections."""
    chosen = [[d] for d in departments] + [list(pair) for pair in combinations(departments, 2)]
    if sessions > len(chosen):
        raise ValueError(f"{sessions} sessions need more than {len(departments)} departments")
    return chosen[:sessions]


def _url_year(year: str) -> str:
    """How the dashboard writes a financial year in its URL: fy=2024-25."""
    return f"fy={year.replace('/', '-')}"


def _query(departments: list[str], year: str = START_YEAR) -> str:
    return "&".join([_url_year(year), *(f"dept={d}" for d in departments)])


async def sessions_at_once(
    url: str, departments: list[str], sessions: int, *, changes: int = len(YEARS), seed: int = 0
) -> dict:
    """`sessions` sessions open the overview together, then change the year `changes` times each, paced."""
    picked = department_sets(departments, sessions)
    opened = [Session(url, "", _query(d)) for d in picked]
    try:
        began = time.perf_counter()
        openings = await asyncio.gather(*(s.open() for s in opened))

        async def work(session: Session, pauses: random.Random) -> list[Answer]:
            await asyncio.sleep(pauses.uniform(0, 2))
            spent = []
            for year in YEARS[:changes]:
                spent.append(await session.change(YEAR_LABEL, year, expect_in_url=_url_year(year)))
                await asyncio.sleep(pauses.uniform(1, 3))
            return spent

        started = time.perf_counter()
        done = await asyncio.gather(*(work(s, random.Random(seed + i)) for i, s in enumerate(opened)))
        elapsed = time.perf_counter() - started
    finally:
        await asyncio.gather(*(s.close() for s in opened), return_exceptions=True)
    answers = [a.seconds for spent in done for a in spent]
    return {
        "sessions": sessions,
        "changes": len(answers),
        "p50_s": float(np.median(answers)),
        "p95_s": float(np.percentile(answers, 95)),
        "max_s": max(answers),
        "open_p50_s": float(np.median([a.seconds for a in openings])),
        "open_p95_s": float(np.percentile([a.seconds for a in openings], 95)),
        "changes_per_s": len(answers) / elapsed,
        "seconds": time.perf_counter() - began,  # openings included
        "kb_per_change": float(np.mean([a.bytes for spent in done for a in spent])) / 1000,
    }


async def cpu_per_change(url: str, pid: int, changes: int) -> dict:
    """Server CPU seconds per filter change of one session alone: new figures each time, then the same again.

    The session opens on every department and moves through the years; then picks one department and moves
    through the years again, then the next department, and so on: every change asks for figures not yet asked.
    """
    async with Session(url, "", _query([])) as session:
        await session.open()
        plan: list[tuple[str, str | list[str]]] = [(YEAR_LABEL, year) for year in YEARS]
        for name in session.widget(DEPARTMENTS_LABEL).options:
            if len(plan) >= changes:
                break
            plan += [(DEPARTMENTS_LABEL, [name]), *((YEAR_LABEL, year) for year in YEARS)]
        plan = plan[:changes]
        figures = {}
        for name, steps in (("new", plan), ("cached", plan)):
            # Each pass starts from every department and the opening year (cached since the opening).
            await session.change(DEPARTMENTS_LABEL, [])
            await session.change(YEAR_LABEL, START_YEAR)
            before = cpu_seconds(pid)
            answers = [await session.change(label, value) for label, value in steps]
            used = (cpu_seconds(pid) or 0) - (before or 0)
            figures[name] = {
                "changes": len(answers),
                "cpu_per_change_s": used / len(answers),
                "answer_p50_s": float(np.median([a.seconds for a in answers])),
                "kb_per_change": float(np.mean([a.bytes for a in answers])) / 1000,
                "cached_references": sum(a.references for a in answers),
            }
    return figures


def server_cpu(
    database: Path, folder: Path, cpu_changes: int, warm: str = "all", progress: Callable[[str], None] = print
) -> dict:
    """The server's CPU per filter change of one session: on a server with its warm-up off (figures nobody has
    asked for yet), then on one that has finished its warm-up (the figures warmed), then the same changes again
    (kept from the first time). Each on a server started for it."""
    with serving(database, folder / "protocol-uncached.log", warm="0") as (process, url, _):
        progress(f"Protocol: one session, {cpu_changes} filter changes to figures nobody has asked for (no warm-up)")
        uncached = asyncio.run(cpu_per_change(url, process.pid, cpu_changes))
    with serving(database, folder / "protocol-cpu.log", warm=warm) as (process, url, warming):
        progress(f"Protocol: the same {cpu_changes} changes after the warm-up, then again")
        warmed = asyncio.run(cpu_per_change(url, process.pid, cpu_changes))
    return {"uncached": uncached["new"], "warmed": warmed["new"], "cached": warmed["cached"], "warm_up": warming}


def sessions_against(
    url: str,
    servers: list[subprocess.Popen],
    departments: list[str],
    levels: tuple[int, ...],
    changes: int,
    what: str,
    progress: Callable[[str], None] = print,
    access_log: Path | None = None,
) -> dict:
    """Each number of sessions at once against `url` (served by `servers`), one after the other; through nginx
    (`access_log`: its log), with the sessions each process was given."""
    figures = {}
    for sessions in levels:
        progress(f"Protocol: {sessions} sessions at once against {what}, {changes} changes each")
        before = sessions_per_process(access_log) if access_log else {}
        figures[str(sessions)] = _timed(url, departments, sessions, changes, servers)
        if access_log:
            after = sessions_per_process(access_log)
            given = {process: count - before.get(process, 0) for process, count in after.items()}
            figures[str(sessions)]["sessions_per_process"] = {p: n for p, n in given.items() if n}
    return figures


def _timed(url: str, departments: list[str], sessions: int, changes: int, servers: list) -> dict:
    """One load test, with the CPU it cost the servers and this process (the clients) and their peak memory."""
    before = [cpu_seconds(p.pid) or 0 for p in servers]
    clients = resource.getrusage(resource.RUSAGE_SELF)
    figures = asyncio.run(sessions_at_once(url, departments, sessions, changes=changes))
    after = resource.getrusage(resource.RUSAGE_SELF)
    figures["server_cpu_s"] = sum((cpu_seconds(p.pid) or 0) - b for p, b in zip(servers, before, strict=True))
    # How many cores the servers kept busy: one process's Python runs one thread at a time.
    figures["server_cores_used"] = figures["server_cpu_s"] / figures["seconds"]
    figures["clients_cpu_s"] = after.ru_utime + after.ru_stime - clients.ru_utime - clients.ru_stime
    figures["server_peak_rss_mb"] = max(peak_rss_mb(p.pid) or 0 for p in servers)
    return figures


@dataclass(frozen=True)
class Proxied:
    """One request in the access log of the deployment's nginx (bsdash/deploy/site.conf's log format)."""

    request: str  # "GET /_stcore/stream HTTP/1.1"
    process: str  # the address of the process that answered ("-": nginx answered itself, as for static files)
    tried: tuple[str, ...]  # every process nginx tried, in order (more than one when one did not answer)
    route: str  # the browser's route cookie


def access_log(path: Path) -> list[Proxied]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        request = line.split('"', 2)[1]
        tried = tuple(line.split(" upstream=", 1)[1].split(" route=", 1)[0].split(", "))
        entries.append(Proxied(request, tried[-1], tried, line.split(" route=", 1)[1].split()[0]))
    return entries


def sessions_per_process(path: Path) -> dict[str, int]:
    """How many websockets (sessions) nginx handed to each process."""
    counts: dict[str, int] = {}
    for entry in access_log(path):
        if entry.request.startswith("GET /_stcore/stream "):
            counts[entry.process] = counts.get(entry.process, 0) + 1
    return counts
