"""Writing a deployment of several dashboard processes behind nginx: its configuration, Streamlit's static files
compressed once, and a systemd unit for the processes.

The templates beside this file (site.conf, nginx.conf, bsdash@.service) hold every directive; this fills in
the places marked @NAME@: the processes' ports, the address nginx listens on, TLS, where logs and files go.
"""

import getpass
import gzip
import os
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import streamlit.file_util

from bsdash.config import ROOT

TEMPLATES = Path(__file__).parent
SITE, MAIN, UNIT = "bsdash.conf", "nginx.conf", "bsdash@.service"
STATIC = "static"  # under the folder: the copy of Streamlit's /static/ that nginx serves
# Text that compresses; images and woff2 fonts are compressed already.
COMPRESSIBLE = {".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".ttf", ".wasm", ".html"}
DEFAULT_MAX_UPLOAD_MB = 200
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


@dataclass(frozen=True)
class Deployment:
    """What a deployment is made of. `listen` is nginx's listen address ("8080", "127.0.0.1:8080", "443")."""

    ports: tuple[int, ...]
    listen: str = "80"
    server_name: str = "_"
    certificate: Path | None = None  # TLS: both, or neither
    certificate_key: Path | None = None
    log_dir: Path | None = None  # default: the folder written

    def __post_init__(self) -> None:
        if not self.ports:
            raise ValueError("a deployment needs at least one dashboard process")
        if len(set(self.ports)) != len(self.ports):
            raise ValueError(f"two processes cannot share a port: {', '.join(map(str, self.ports))}")
        if (self.certificate is None) != (self.certificate_key is None):
            raise ValueError("TLS needs both the certificate and its key")


def render(template: str, values: dict[str, str]) -> str:
    """The template with each @NAME@ replaced by its value; every one must have a value."""
    missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise ValueError(f"no value for the template's {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def max_upload_mb(config: Path = ROOT / ".streamlit" / "config.toml") -> int:
    """The dashboard's own limit on uploads, so that nginx lets through what the Import page takes."""
    try:
        return int(tomllib.loads(config.read_text(encoding="utf-8"))["server"]["maxUploadSize"])
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError):
        return DEFAULT_MAX_UPLOAD_MB


def site_config(deployment: Deployment, folder: Path) -> str:
    tls = deployment.certificate is not None
    listen = f"{deployment.listen} ssl http2" if tls else deployment.listen
    return render(
        (TEMPLATES / "site.conf").read_text(encoding="utf-8"),
        {
            "PROCESSES": str(len(deployment.ports)),
            "UPSTREAM_SERVERS": "\n".join(
                f"    server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;" for port in deployment.ports
            ),
            "LISTEN": f"    listen {listen};",
            "SERVER_NAME": deployment.server_name,
            "TLS": (
                f"    ssl_certificate {deployment.certificate};\n"
                f"    ssl_certificate_key {deployment.certificate_key};\n"
                "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                '    add_header Strict-Transport-Security "max-age=31536000" always;\n'
                if tls
                else ""
            ),
            # With TLS, plain HTTP on port 80 only sends people to the HTTPS address.
            "HTTP_REDIRECT": (
                f"\nserver {{\n    listen 80;\n    server_name {deployment.server_name};\n"
                "    return 301 https://$host$request_uri;\n}\n"
                if tls
                else ""
            ),
            "COOKIE_SECURE": "; Secure" if tls else "",
            "LOG_DIR": str(deployment.log_dir or folder),
            "MAX_UPLOAD_MB": str(max_upload_mb()),
            "STATIC_ROOT": str(folder),
        },
    )


def main_config(folder: Path, run_dir: Path) -> str:
    # A master process started by root hands its workers to "nobody" unless told otherwise; they must read the
    # static files and this folder, so they run as whoever wrote it. Ignored (with a notice) when not root.
    user = "root" if os.geteuid() == 0 else getpass.getuser()
    return render(
        (TEMPLATES / "nginx.conf").read_text(encoding="utf-8"),
        {"USER": f"user {user};" if os.geteuid() == 0 else "", "FOLDER": str(folder), "RUN_DIR": str(run_dir)},
    )


def service_unit() -> str:
    return render(
        (TEMPLATES / "bsdash@.service").read_text(encoding="utf-8"),
        {"ROOT": str(ROOT), "PYTHON": sys.executable, "USER": getpass.getuser()},
    )


def precompress(source: Path, target: Path) -> tuple[int, int]:
    """Copy Streamlit's static files to `target` with a .gz of each text file beside it (nginx's gzip_static).

    Returns the bytes of the text files before and after compression.
    """
    shutil.rmtree(target, ignore_errors=True)
    before = after = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        if path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            Path(f"{copy}.gz").write_bytes(packed)
            before, after = before + len(data), after + len(packed)
    return before, after


def write(deployment: Deployment, folder: Path, run_dir: Path | None = None) -> dict[str, Path]:
    """Write the site, a main nginx.conf for an nginx of its own, the systemd unit and the static files."""
    folder = folder.resolve()
    run_dir = (run_dir or folder / "run").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    run_dir.mkdir(parents=True, exist_ok=True)
    written = {
        SITE: folder / SITE,
        MAIN: folder / MAIN,
        UNIT: folder / UNIT,
    }
    written[SITE].write_text(site_config(deployment, folder), encoding="utf-8")
    written[MAIN].write_text(main_config(folder, run_dir), encoding="utf-8")
    written[UNIT].write_text(service_unit(), encoding="utf-8")
    precompress(Path(streamlit.file_util.get_static_dir()) / "static", folder / STATIC)
    written[STATIC] = folder / STATIC
    return written
