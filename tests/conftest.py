"""Shared fixtures: the built-in sample, built once per test session exactly as a user builds it, and a small
database of known figures for the tests that need data of every shape but not the sample's volume.

A test that uses the full sample (its build, database or connection, directly or through another fixture) is
marked `slow` here: `pytest -m "not slow"` runs the engine, query and import tests without building it. With
workers (pytest-xdist, as tests/run runs), the sample is built once, before they start, and shared by all."""

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bsdash import sample
from bsdash.ingest.pipeline import import_file
from bsdash.ingest.report import ImportReport
from bsdash.store import db
from tests.small import build_small

# The dashboards the tests start make figures when asked, not ahead in a thread of their own: on two cores a
# warm-up of over a thousand figures per server would slow every other test. The warm-up has tests of its own
# (tests/pages/test_warm.py), and the benchmark's servers, the tiny one's in the tests too, run with it.
os.environ["BSDASH_WARM"] = "0"

ROOT = Path(__file__).parents[1]
FULL_SAMPLE = {"sample_build", "sample_db", "sample_con", "writable_sample_db"}
SHARED_SAMPLE = "BSDASH_TEST_SAMPLE"  # the folder of a sample built once for every worker of a run


def pytest_xdist_setupnodes(config: pytest.Config, specs: list) -> None:
    """Before the workers start (they inherit the environment): build the sample once rather than once in each,
    unless the run leaves out every test that needs it."""
    if "not slow" in (config.getoption("markexpr") or "") or os.environ.get(SHARED_SAMPLE):
        return
    folder = Path(tempfile.mkdtemp(prefix="bsdash-test-sample-"))
    build_sample(folder)
    os.environ[SHARED_SAMPLE] = str(folder)
    config.stash[_SHARED_KEY] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_SHARED_KEY, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


_SHARED_KEY = pytest.StashKey[Path]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if FULL_SAMPLE & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def bsdash_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m bsdash ARGS` as a user runs it from the project's folder: its exit code and what it printed."""
    return subprocess.run([sys.executable, "-m", "bsdash", *args], capture_output=True, text=True, cwd=ROOT)


@dataclass(frozen=True)
class SampleBuild:
    database: Path
    exports: Path
    reports: list[ImportReport]


def build_sample(folder: Path) -> SampleBuild:
    """The sample as a user builds it, into `folder`, with its import reports kept beside it."""
    reports = sample.build(folder / "bsdash.duckdb", out_dir=folder / "exports")
    (folder / "reports.pickle").write_bytes(pickle.dumps(reports))
    return SampleBuild(folder / "bsdash.duckdb", folder / "exports", reports)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    """The scale-1 sample (five years, ~125,000 payments, ~310,000 tickets). Tests must not change it."""
    shared = os.environ.get(SHARED_SAMPLE)
    if shared:  # built once for every worker of this run (see pytest_xdist_setupnodes)
        folder = Path(shared)
        reports = pickle.loads((folder / "reports.pickle").read_bytes())
        return SampleBuild(folder / "bsdash.duckdb", folder / "exports", reports)
    return build_sample(tmp_path_factory.mktemp("sample"))


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


@pytest.fixture(scope="session")
def reference_exports(tmp_path_factory: pytest.TempPathFactory) -> list[sample.Export]:
    """The sample's reference files (departments, services, suppliers, the reference map), written on their own."""
    return sample.write_reference_exports(tmp_path_factory.mktemp("reference"))


@pytest.fixture
def reference_db(reference_exports: list[sample.Export], tmp_path: Path):
    """A new database holding only the sample's reference data: departments, services, suppliers, mappings."""
    con = db.connect(tmp_path / "reference.duckdb")
    for export in reference_exports:
        import_file(con, export.path, export.kind)
    yield con
    con.close()


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small database of tests/small.py: a year of a few payments, tickets and contracts, every figure known."""
    return build_small(tmp_path_factory.mktemp("small"))


@pytest.fixture
def small_con(small_db: Path):
    con = db.connect(small_db, read_only=True)
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
