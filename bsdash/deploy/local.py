"""A deployment on this machine, for the tests and the benchmark: dashboard processes on free ports, every one
reading the same database, and an nginx of its own in front (its configuration, pid, logs and temporary files
in one folder; no system service is touched).
"""

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bsdash.bench.server import free_port, start_dashboard, stop_dashboard, wait_healthy
from bsdash.deploy.nginx import MAIN, Deployment, write

LOG = "streamlit-{}.log"  # each dashboard's, in the folder


@dataclass(frozen=True)
class Running:
    url: str  # nginx's address
    dashboards: list[tuple[subprocess.Popen, str]]  # each process and its own address
    nginx: subprocess.Popen
    folder: Path

    @property
    def access_log(self) -> Path:
        return self.folder / "bsdash-access.log"

    def log(self, process: int) -> Path:
        """The log of the `process`-th dashboard."""
        return self.folder / LOG.format(process)


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx is not installed: apt-get install nginx (tests/run does it)")
    return found


@contextmanager
def running(
    database: Path, folder: Path, processes: int = 2, extra_env: dict[str, str] | None = None
) -> Iterator[Running]:
    """Start `processes` dashboards on `database` and nginx in front of them; stop them all afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        dashboards = []
        for i in range(processes):
            process, url = start_dashboard(database, folder / LOG.format(i), extra_env, timeout_s=180)
            stack.callback(stop_dashboard, process)
            dashboards.append((process, url))
        port = free_port()
        deployment = Deployment(
            ports=tuple(int(url.rsplit(":", 1)[1]) for _, url in dashboards), listen=f"127.0.0.1:{port}"
        )
        write(deployment, folder)
        nginx = subprocess.Popen(
            [nginx_binary(), "-c", str(folder / MAIN), "-e", str(folder / "run" / "nginx-error.log")],
            stdout=subprocess.DEVNULL,
            stderr=(folder / "nginx.out").open("w"),
            start_new_session=True,
        )
        stack.callback(_stop_nginx, nginx)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, nginx, "nginx", folder / "nginx.out", timeout_s=30)
        yield Running(url, dashboards, nginx, folder)


def _stop_nginx(nginx: subprocess.Popen) -> None:
    if nginx.poll() is not None:
        return
    os.killpg(nginx.pid, signal.SIGTERM)  # nginx's fast shutdown; its workers are in its process group
    try:
        nginx.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(nginx.pid, signal.SIGKILL)
        nginx.wait(timeout=10)
