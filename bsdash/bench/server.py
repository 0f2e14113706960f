"""The dashboard as a separate process, and the browser that drives it: shared by the browser tests and the
benchmark, so that both measure the dashboard exactly as a user starts it (`streamlit run dashboard.py`).

The server starts on a free port, is ready when /_stcore/health answers, and is stopped by its process group.
The browser is Debian's Chromium, driven by playwright; playwright never downloads a browser of its own.
"""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bsdash.config import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_dashboard(
    database: Path,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    timeout_s: float = 90,
    *,
    port: int | None = None,
    options: dict[str, str] | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run dashboard.py` against `database`; returns the process and its URL once healthy.

    `port` is for a caller that must know the address beforehand (sign-in's redirect URI names it); `options`
    are further Streamlit settings, for example {"secrets.files": "/tmp/.../secrets.toml"}.
    """
    port = port or free_port()
    env = {**os.environ, "BSDASH_DB": str(database), **(extra_env or {})}
    settings = [arg for name, value in (options or {}).items() for arg in (f"--{name}", value)]
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            *settings,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()  # the child holds its own copy
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, "streamlit", log_path, timeout_s)
    except RuntimeError:
        stop_dashboard(process)
        raise
    return process, url


def wait_healthy(url: str, process: subprocess.Popen, name: str, log_path: Path, timeout_s: float) -> None:
    """Wait until `url`/_stcore/health answers "ok" (from the dashboard, or through a proxy in front of it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start-up:\n{log_path.read_text()}")
        if healthy(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer {url}/_stcore/health within {timeout_s:.0f} s:\n{log_path.read_text()}")


def healthy(url: str) -> bool:
    """Whether `url`/_stcore/health answers "ok" now."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


def stop_dashboard(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory so far (VmHWM), in MB; None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used so far (user + system), in seconds; None when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def open_start_page(url: str, timeout_s: float = 120) -> None:
    """Open the dashboard's start page once, as a browser would, when it answers (within `timeout_s`): its first
    run starts the process's warm-up (bsdash.ui.warm)."""
    from bsdash.bench.protocol import Session

    deadline = time.monotonic() + timeout_s
    while not healthy(url):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s")
        time.sleep(0.5)

    async def open_once() -> None:
        async with Session(url, "", "") as session:
            await session.open()

    asyncio.run(open_once())


WARMED = re.compile(r"figures warmed: (\d+) for (\d+) choices of the filters in ([\d.]+) s")


def warm_up(url: str, process: subprocess.Popen, log_path: Path, timeout_s: float = 1800) -> dict:
    """Open the start page once (its first run starts the server's warm-up, bsdash.ui.warm) and wait for the log
    to say the warm-up has finished; returns how many figures it made, in how long, and the server's CPU."""
    before = cpu_seconds(process.pid) or 0
    open_start_page(url)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard stopped while warming up:\n{log_path.read_text()[-3000:]}")
        found = WARMED.search(log_path.read_text(errors="replace"))
        if found:
            return {
                "figures": int(found[1]),
                "choices": int(found[2]),
                "seconds": float(found[3]),
                "server_cpu_s": (cpu_seconds(process.pid) or 0) - before,
            }
        time.sleep(1)
    raise RuntimeError(f"the dashboard did not finish warming up within {timeout_s:.0f} s")


@contextmanager
def serving(database: Path, log_path: Path, *, warm: str) -> Iterator[tuple[subprocess.Popen, str, dict | None]]:
    """A dashboard on `database` for a measurement, with its warm-up as `warm` says (BSDASH_WARM: "all", "years",
    "0" for none): once the warm-up has finished, as a server that has been up a while; with none, every figure
    is made when first asked for. Yields the process, its address and the warm-up's figures."""
    process, url = start_dashboard(database, log_path, {"BSDASH_WARM": warm}, timeout_s=180)
    try:
        yield process, url, warm_up(url, process, log_path) if warm != "0" else None
    finally:
        stop_dashboard(process)
