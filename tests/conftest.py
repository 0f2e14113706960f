"""Shared fixtures: the built-in sample, built once per test session exactly as a user builds it."""

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bsdash import sample
from bsdash.ingest.pipeline import import_file
from bsdash.ingest.report import ImportReport
from bsdash.store import db

ROOT = Path(__file__).parents[1]


def bsdash_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m bsdash ARGS` as a user runs it from the project's folder: its exit code and what it printed."""
    return subprocess.run([sys.executable, "-m", "bsdash", *args], capture_output=True, text=True, cwd=ROOT)


@dataclass(frozen=True)
class SampleBuild:
    database: Path
    exports: Path
    reports: list[ImportReport]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The scale-1 sample (five years, ~125,000 payments, ~310,000 tickets). Tests must not change it."""
    folder = tmp_path_factory.mktemp("sample")
    database = folder / "bsdash.duckdb"
    reports = sample.build(database, out_dir=folder / "exports")
    return SampleBuild(database, folder / "exports", reports)


@pytest.fixture(scope="session")
def sample_db(sample_build: SampleBuild) -> Path:
    return sample_build.database


@pytest.fixture
def sample_con(sample_db: Path):
    con = db.connect(sample_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def writable_sample_db(sample_db: Path, tmp_path: Path) -> Path:
    """A copy of the sample database that a test may change."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, copy)
    return copy


@pytest.fixture
def reference_db(sample_build: SampleBuild, tmp_path: Path):
    """A new database holding only the sample's reference data: departments, services, suppliers, mappings."""
    con = db.connect(tmp_path / "reference.duckdb")
    for kind, name in (
        ("departments", "establishment.csv"),
        ("services", "service-catalogue.csv"),
        ("suppliers", "supplier-master.csv"),
        ("reference_map", "reference-map.csv"),
    ):
        import_file(con, sample_build.exports / "reference" / name, kind)
    yield con
    con.close()


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table: what a failed or repeated import must leave unchanged."""
    tables = [r[0] for r in con.execute("select table_name from duckdb_tables() where not temporary").fetchall()]
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in sorted(tables)}


def assert_every_row_accounted(con: duckdb.DuckDBPyConnection, report: ImportReport) -> None:
    """The import's record says every row read was loaded, quarantined or a duplicate, and no relationship broke."""
    from bsdash.store.checks import broken_relationships

    recorded = con.execute(
        "select rows_read, loaded + quarantined + duplicates from imports where import_id = $id",
        {"id": report.import_id},
    ).fetchall()
    assert recorded == [(report.rows_read, report.rows_read)]
    assert broken_relationships(con) == []


def write_csv(path: Path, header: str, *rows: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path
