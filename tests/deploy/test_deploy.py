"""`python -m bsdash deploy` writes a configuration nginx accepts, for plain HTTP and for HTTPS, with every process
listed, and refuses what cannot be served. Running it is the deployment test's (tests/browser/test_deployment.py)."""

import datetime
import gzip
import subprocess
import time
from pathlib import Path

import pytest
import streamlit.file_util

from bsdash.bench.server import WARMED, start_dashboard, stop_dashboard
from bsdash.deploy.local import nginx_binary
from tests.conftest import bsdash_cli


def nginx_accepts(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [nginx_binary(), "-t", "-c", str(folder / "nginx.conf"), "-e", str(folder / "run" / "check.log")],
        capture_output=True,
        text=True,
    )


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bsdash.example.police.uk")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "site.pem", folder / "site.key"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, private


def test_three_processes_on_plain_http(tmp_path):
    out = tmp_path / "deploy"

    written = bsdash_cli("deploy", "--out", str(out), "--processes", "3", "--first-port", "9601", "--listen", "8080")

    assert written.returncode == 0, written.stderr
    assert "bsdash@9601 bsdash@9602 bsdash@9603" in written.stdout
    site = (out / "bsdash.conf").read_text()
    assert [f"127.0.0.1:{port}" in site for port in (9601, 9602, 9603)] == [True] * 3
    assert "listen 8080;" in site and "ssl" not in site and "Secure" not in site
    assert "client_max_body_size 200m;" in site  # the Import page's limit, from .streamlit/config.toml
    unit = (out / "bsdash@.service").read_text()
    assert "--server.port %i --server.address 127.0.0.1" in unit
    assert "ExecStartPost=-" in unit and "-m bsdash warm-up --url http://127.0.0.1:%i" in unit
    checked = nginx_accepts(out)
    assert checked.returncode == 0, checked.stderr


def test_https_sends_plain_http_to_https_and_marks_the_route_cookie_secure(tmp_path):
    cert, key = self_signed(tmp_path)
    out = tmp_path / "deploy"

    written = bsdash_cli(
        "deploy", "--out", str(out), "--listen", "443", "--server-name", "bsdash.example.police.uk",
        "--certificate", str(cert), "--certificate-key", str(key),
    )  # fmt: skip

    assert written.returncode == 0, written.stderr
    site = (out / "bsdash.conf").read_text()
    assert "listen 443 ssl http2;" in site and f"ssl_certificate {cert};" in site
    assert "return 301 https://$host$request_uri;" in site
    assert "SameSite=Lax; Secure" in site
    checked = nginx_accepts(out)
    assert checked.returncode == 0, checked.stderr


def test_the_static_files_are_copied_with_a_compressed_twin_of_each_text_file(tmp_path):
    out = tmp_path / "deploy"
    assert bsdash_cli("deploy", "--out", str(out)).returncode == 0
    source = Path(streamlit.file_util.get_static_dir()) / "static"

    for original in [*sorted(source.glob("js/*.js"))[:20], *source.glob("css/*.css")]:
        copy = out / "static" / original.relative_to(source)
        assert copy.read_bytes() == original.read_bytes()
        assert gzip.decompress(Path(f"{copy}.gz").read_bytes()) == original.read_bytes()
    fonts = [*source.glob("media/*.woff2")]
    assert fonts and not any(Path(f"{out / 'static' / f.relative_to(source)}.gz").exists() for f in fonts)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--processes", "0"], "--processes must be at least 1"),
        (["--certificate", "site.pem"], "TLS needs both the certificate and its key"),
    ],
)
def test_what_cannot_be_served_is_refused_with_the_reason(tmp_path, arguments, message):
    refused = bsdash_cli("deploy", "--out", str(tmp_path / "deploy"), *arguments)

    assert refused.returncode == 2
    assert message in refused.stderr
    assert not (tmp_path / "deploy").exists()


def test_the_units_warm_up_command_starts_a_new_process_making_its_figures(sample_db, tmp_path):
    log = tmp_path / "streamlit.log"
    process, url = start_dashboard(sample_db, log, {"BSDASH_WARM": "years"})
    try:
        assert WARMED.search(log.read_text()) is None  # nobody has opened a page yet
        opened = bsdash_cli("warm-up", "--url", url)
        assert opened.returncode == 0, opened.stderr
        deadline = time.monotonic() + 300
        while WARMED.search(log.read_text()) is None and time.monotonic() < deadline:
            time.sleep(1)
        warmed = WARMED.search(log.read_text())
        assert warmed is not None, log.read_text()[-2000:]
        assert int(warmed[2]) == 5  # every financial year of the sample, for all departments
    finally:
        stop_dashboard(process)
