"""A killed import never leaves a database that cannot be opened, nor one half imported.

`python -m bsdash import` is killed (SIGKILL, as the kernel's out-of-memory killer or `kill -9` would; SIGTERM,
as a timeout does) at many moments: at each step of writing (staged by making the process kill itself when it
reaches that step, and checked there by what its copy holds) and at ten moments spread over the import's own
run time, each landing while it writes (a kill that came too late is tried again). Each time the next process opens
the database, `python -m bsdash check` passes, every table holds exactly the rows it held before the import or
exactly those it holds after it, and the import run again completes it.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bsdash.governance.audit import AuditLog, audit_path
from bsdash.store import db
from bsdash.store.writer import staging_path, writer_lock
from tests.conftest import ROOT, SampleBuild, bsdash_cli, table_counts

# Runs `python -m bsdash ARGS` with one function replaced by one that sends this process `signal` the
# `nth` time it is called, before or after doing its work: a kill at an exact step, whatever the timing.
KILL_AT = """
import functools, importlib, os, runpy, sys
module_name, attribute, nth, when, signal_number, *arguments = sys.argv[1:]
module = importlib.import_module(module_name)
original = getattr(module, attribute)
calls = 0

@functools.wraps(original)
def killing(*args, **kwargs):
    global calls
    calls += 1
    if calls == int(nth) and when == "before":
        os.kill(os.getpid(), int(signal_number))
    result = original(*args, **kwargs)
    if calls == int(nth) and when == "after":
        os.kill(os.getpid(), int(signal_number))
    return result

setattr(module, attribute, killing)
sys.argv = ["bsdash", *arguments]
runpy.run_module("bsdash", run_name="__main__", alter_sys=True)
"""
# Each step of an import of two files, as the writer and the command line take it, with the files the writer's copy
# holds when killed there (None: no copy is left). The command line imports each file through
# bsdash.ingest.pipeline.import_file, under the name bsdash.cli imports it by, which is the one replaced.
STEPS = {
    "lock taken, nothing copied yet": ("bsdash.store.writer", "copy_file", 1, "before", None),
    "database copied, copy not yet opened": ("bsdash.store.writer", "copy_file", 1, "after", 0),
    "copy whole, about to be opened": ("bsdash.store.writer", "_copy_live", 1, "after", 0),
    "copy opened, first file not begun": ("bsdash.cli", "import_file", 1, "before", 0),
    "first file committed to the copy, second not begun": ("bsdash.cli", "import_file", 2, "before", 1),
    "both files committed to the copy, not checkpointed": ("bsdash.store.writer", "_publish", 1, "before", 2),
    "copy checkpointed and synced, not yet renamed": ("os", "replace", 1, "before", 2),
    "copy renamed into place, directory not yet synced": ("os", "replace", 1, "after", None),
    "in place, import not yet in the audit log": ("bsdash.cli", "AuditLog", 1, "before", None),
}
TIMED_KILLS = 10
KILL_TRIES = 4  # a moment's kill is tried again, timed by the last run, when the import was quicker


def spend_exports(sample_build: SampleBuild, folder: Path) -> list[Path]:
    """Two months of new payments: sample files whose transaction numbers are changed, so every row is new."""
    months = sorted((sample_build.exports / "spend").glob("*.csv"))[-2:]
    paths = []
    for month in months:
        target = folder / f"new-{month.name}"
        target.write_text(month.read_text(encoding="utf-8").replace(",AP", ",KX"), encoding="utf-8")
        paths.append(target)
    return paths


@pytest.fixture(scope="module")
def scenario(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample database, the files to import, and every table's count before and after the import."""
    folder = tmp_path_factory.mktemp("crash")
    exports = spend_exports(sample_build, folder)
    before = counts(sample_build.database)
    done = folder / "done.duckdb"
    shutil.copy(sample_build.database, done)
    started = time.monotonic()
    process = import_process(done, exports)
    seen_copy = wait_for_copy(done, process)
    process.wait(timeout=300)
    assert process.returncode == 0, process.stderr.read()
    after = counts(done)
    assert after["spend"] > before["spend"] and after["imports"] == before["imports"] + 2
    return {
        "exports": exports,
        "before": before,
        "after": after,
        # How long the import runs once it has its copy: the kills are spread over this.
        "work_seconds": time.monotonic() - (seen_copy or started),
    }


def import_command(database: Path, exports: list[Path]) -> list[str]:
    return ["--db", str(database), "import", "--kind", "spend", "--quiet", *map(str, exports)]


def import_process(database: Path, exports: list[Path], wrapper: list[str] | None = None) -> subprocess.Popen:
    launcher = ["-c", KILL_AT, *wrapper] if wrapper else ["-m", "bsdash"]
    return subprocess.Popen(
        [sys.executable, *launcher, *import_command(database, exports)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def import_stopped_at(
    step: str, signal_number: int, sample_db: Path, database: Path, scenario: dict
) -> tuple[subprocess.Popen, str]:
    """The import into a copy of the sample, sent `signal_number` by itself at `step`; returns it and its stderr."""
    shutil.copy(sample_db, database)
    module, attribute, nth, when, _in_copy = STEPS[step]
    process = import_process(database, scenario["exports"], [module, attribute, str(nth), when, str(signal_number)])
    _out, err = process.communicate(timeout=300)
    return process, err


def wait_for_copy(database: Path, process: subprocess.Popen) -> float | None:
    """The moment the import's copy of the database appears (None if the process ended first)."""
    while process.poll() is None:
        if staging_path(database).exists():
            return time.monotonic()
        time.sleep(0.002)
    return None


def counts(database: Path) -> dict[str, int]:
    con = db.connect(database, read_only=True)
    try:
        return table_counts(con)
    finally:
        con.close()


def files_in_copy(database: Path, scenario: dict, folder: Path) -> int | None:
    """How many of the import's files the writer's copy left by a killed import holds (None: no whole copy left).
    Read from a copy of it (and of its .wal), so that the next writer still finds it to clean up."""
    staging = staging_path(database)
    if not staging.exists() or staging.stat().st_size < database.stat().st_size:
        return None
    inspected = folder / "inspected.duckdb"
    shutil.copy(staging, inspected)
    if db.wal_of(staging).exists():
        shutil.copy(db.wal_of(staging), db.wal_of(inspected))
    con = db.connect(inspected)
    try:
        return db.scalar(con, "select count(*) from imports") - scenario["before"]["imports"]
    finally:
        con.close()


def differences(found: dict[str, int], scenario: dict) -> str:
    """The tables whose counts are neither those of before the import nor those of after it."""
    return ", ".join(
        f"{table} {count} (before {scenario['before'].get(table)}, after {scenario['after'].get(table)})"
        for table, count in found.items()
        if count not in (scenario["before"].get(table), scenario["after"].get(table))
        or scenario["before"].get(table) != scenario["after"].get(table)
    )


def assert_whole(database: Path, scenario: dict, where: str) -> dict[str, int]:
    """The database opens, passes `check`, and holds the rows of before the import or of after it."""
    check = bsdash_cli("--db", str(database), "check")
    assert check.returncode == 0, f"{where}: check failed: {check.stdout}{check.stderr}"
    assert "Every relationship holds" in check.stdout, where
    found = counts(database)
    assert found in (scenario["before"], scenario["after"]), f"{where}: {differences(found, scenario)}"
    return found


@pytest.mark.parametrize("step", list(STEPS))
def test_an_import_killed_at_each_step_of_writing_leaves_the_database_as_before_or_after(
    step: str, scenario: dict, sample_db: Path, tmp_path: Path
):
    database = tmp_path / "bsdash.duckdb"
    process, err = import_stopped_at(step, signal.SIGKILL, sample_db, database, scenario)
    assert process.returncode == -signal.SIGKILL, f"{step}: not killed ({err})"
    # Killed where the step says: the copy left behind holds the files imported by then.
    assert files_in_copy(database, scenario, tmp_path) == STEPS[step][4], step

    found = assert_whole(database, scenario, step)
    renamed = step.startswith(("copy renamed", "in place"))
    assert found == (scenario["after"] if renamed else scenario["before"]), step
    # The next import cleans up after the killed one and completes it (a file already in is skipped).
    again = bsdash_cli(*import_command(database, scenario["exports"]))
    assert again.returncode == 0, again.stderr
    assert counts(database) == scenario["after"]
    assert not staging_path(database).exists()
    assert not db.wal_of(database).exists()


def test_an_import_killed_at_ten_moments_of_its_run_leaves_the_database_as_before_or_after(
    scenario: dict, sample_db: Path, tmp_path: Path
):
    work, outcomes = scenario["work_seconds"], []
    for moment in range(TIMED_KILLS):
        # Spread over the import's run with its copy, from its first moments to its last (to 90 %).
        share = 0.9 * (moment + 0.5) / TIMED_KILLS
        for attempt in range(KILL_TRIES):
            database = tmp_path / f"killed-{moment}-{attempt}.duckdb"
            shutil.copy(sample_db, database)
            process = import_process(database, scenario["exports"])
            copied = wait_for_copy(database, process)
            assert copied is not None, "the import ended before it could be killed"
            time.sleep(work * share)
            writing = process.poll() is None and staging_path(database).exists()  # not yet renamed into place
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            lasted = time.monotonic() - copied
            found = assert_whole(database, scenario, f"killed {moment + 1} of {TIMED_KILLS}")
            if writing and process.returncode == -signal.SIGKILL:
                outcomes.append(f"{share:.0%} of {work:.1f} s: {'after' if found == scenario['after'] else 'before'}")
                break
            # It ran quicker than timed (a second run has its files in the page cache; the machine is shared):
            # time the next try by this run, which was over by the kill.
            work = min(work, lasted)
        else:
            pytest.fail(f"kill {moment + 1} never landed while the import was writing: {outcomes}")
    # Every kill landed while the import was writing its copy, and whichever moment, nothing was between.
    assert len(outcomes) == TIMED_KILLS
    print(f"over {scenario['work_seconds']:.1f} s of import: {outcomes}")


@pytest.mark.parametrize(
    "step",
    [
        "copy whole, about to be opened",
        "first file committed to the copy, second not begun",
        "both files committed to the copy, not checkpointed",
    ],
)
def test_a_timeouts_sigterm_stops_the_import_and_leaves_the_database_as_before(
    step: str, scenario: dict, sample_db: Path, tmp_path: Path
):
    database = tmp_path / "bsdash.duckdb"
    process, err = import_stopped_at(step, signal.SIGTERM, sample_db, database, scenario)
    assert process.returncode == 130, err
    assert "Stopped: nothing was written, the database is as it was." in err
    assert assert_whole(database, scenario, step) == scenario["before"]
    assert not staging_path(database).exists()  # the stopped import removed its copy


def test_a_sigterm_as_the_copy_is_renamed_into_place_lets_it_finish_and_says_so(
    scenario: dict, sample_db: Path, tmp_path: Path
):
    # Held until the rename is done and synced: otherwise the process said "nothing was written" of an import that
    # was in place, left it out of the audit log, and could leave the old file's .wal beside the new one.
    database = tmp_path / "bsdash.duckdb"
    step = "copy renamed into place, directory not yet synced"
    process, err = import_stopped_at(step, signal.SIGTERM, sample_db, database, scenario)
    assert process.returncode == 0, err
    assert "Stopped once the import was in place: it is in the database, whole." in err
    assert "nothing was written" not in err
    assert assert_whole(database, scenario, step) == scenario["after"]
    assert not staging_path(database).exists() and not db.wal_of(database).exists()
    assert AuditLog(audit_path(database)).count() == len(scenario["exports"])  # recorded, as an import in place


def test_sigterm_at_any_moment_of_the_run_leaves_the_database_as_before_or_after(
    scenario: dict, sample_db: Path, tmp_path: Path
):
    stopped = 0
    for moment in range(5):
        database = tmp_path / f"terminated-{moment}.duckdb"
        shutil.copy(sample_db, database)
        process = import_process(database, scenario["exports"])
        assert wait_for_copy(database, process) is not None
        time.sleep(scenario["work_seconds"] * (moment + 0.5) / 5)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=120)
        found = assert_whole(database, scenario, f"SIGTERM {moment + 1} of 5")
        # Inside a running query as well as between two: stopped, and the copy removed.
        if process.returncode == 130:
            stopped += 1
            assert "Stopped: nothing was written" in err and found == scenario["before"]
            assert not staging_path(database).exists()
        else:  # it came after the import was in place: the import is whole
            assert process.returncode in (0, -signal.SIGTERM) and found == scenario["after"], err
    assert stopped >= 2


def test_a_wal_an_older_version_left_by_a_killed_open_is_recovered(sample_db: Path, tmp_path: Path):
    # What every read-write open did before: run the schema's statements again (its comments rewrite each table's
    # entry) and re-create the stored macros. Killed before a checkpoint, that left a .wal that a plain open cannot
    # replay: the budgets table's check calls left(), which DuckDB loads only after the replay.
    database = tmp_path / "bsdash.duckdb"
    shutil.copy(sample_db, database)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys, duckdb\n"
            "from bsdash.store import aggregates, db\n"
            "con = duckdb.connect(sys.argv[1], config=db.CONFIG)\n"
            "for statement in db.schema_statements():\n"
            "    con.execute(statement)\n"
            "aggregates.create_macros(con)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
            str(database),
        ],
        cwd=ROOT,
    )
    assert killed.returncode == -signal.SIGKILL
    assert db.wal_of(database).exists()
    with pytest.raises(duckdb.Error):  # the failure this guards against
        duckdb.connect(str(database), read_only=True, config=db.CONFIG).close()

    check = bsdash_cli("--db", str(database), "check")
    assert check.returncode == 0, check.stderr
    assert not db.wal_of(database).exists()
    assert counts(database) == counts(sample_db)


def test_opening_a_current_database_writes_nothing(writable_sample_db: Path):
    stamp = os.stat(writable_sample_db)
    db.connect(writable_sample_db).close()  # read-write, as an import's copy is opened
    assert not db.wal_of(writable_sample_db).exists()
    assert os.stat(writable_sample_db).st_mtime_ns == stamp.st_mtime_ns


def test_an_import_runs_while_another_program_reads_the_database(scenario: dict, sample_db: Path, tmp_path: Path):
    database = tmp_path / "bsdash.duckdb"
    shutil.copy(sample_db, database)
    reader = db.connect(database, read_only=True)  # as a dashboard holds it
    try:
        result = bsdash_cli(*import_command(database, scenario["exports"]))
        assert result.returncode == 0, result.stderr
        assert table_counts(reader) == scenario["before"]  # a reader sees the data whole as it was, until it reopens
    finally:
        reader.close()
    assert counts(database) == scenario["after"]


def test_an_import_waits_for_the_writer_before_it_and_says_so(scenario: dict, sample_db: Path, tmp_path: Path):
    database = tmp_path / "bsdash.duckdb"
    shutil.copy(sample_db, database)
    with writer_lock(database):  # another import, from the Import page say, is writing
        process = import_process(database, scenario["exports"])
        waiting = process.stderr.readline()
        assert waiting.startswith(f"Waiting for another import into {database} to finish (process {os.getpid()}")
        assert counts(database) == scenario["before"]
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert counts(database) == scenario["after"]


def test_two_imports_at_once_both_land(scenario: dict, sample_db: Path, tmp_path: Path):
    database = tmp_path / "bsdash.duckdb"
    shutil.copy(sample_db, database)
    processes = [import_process(database, [export]) for export in scenario["exports"]]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert counts(database) == scenario["after"]
