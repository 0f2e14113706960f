"""Writing the database while dashboards read it: write a copy, then put it in the live file's place.

DuckDB lets one process write a file only when no other process has it open, and the dashboards keep it open
for reading. So an import (from the shell or the Import page) and a reference-map edit never write the live file:

    take the writer's lock  ->  copy the live file to `<file>.writing`  ->  write the copy (one transaction per
    export file, as always)  ->  checkpoint and sync it  ->  rename it over the live file (atomic)

Readers keep the old file open and see it whole until they notice the new one (a new inode) and reopen
(bsdash.ui.database does at its next query, and reruns every open page). A process killed at any moment leaves
the live file as it was before, or as it is after, never between: the rename is the only change to it, and a
half-written copy is removed by the next writer. One writer at a time: the others wait for the lock
(`<file>.lock`, an flock that the system lets go when its holder dies, however it dies).
"""

import contextlib
import fcntl
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bsdash.config import database_path
from bsdash.store import db

COPY_CHUNK = 1 << 30
# Room kept free beside the copy, so that the import's own writing does not fill the disk.
SPARE_BYTES = 256 << 20


class StoppedOnceInPlace(KeyboardInterrupt):
    """A stop (Ctrl-C or SIGTERM) that came while the written copy was being renamed into place: the rename was let
    finish, so what was written is in the database, whole. Raised once it is, for the caller to say so."""


def staging_path(path: Path) -> Path:
    """The copy a writer writes into before it replaces the live file."""
    return Path(f"{path}.writing")


def lock_path(path: Path) -> Path:
    return Path(f"{path}.lock")


@contextmanager
def writer_lock(path: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the one writer's lock of `path`. When another process (or thread) holds it, `on_wait` hears who, and
    this waits until it is free. The lock file names its holder, for that message."""
    target = lock_path(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            if on_wait is not None:
                on_wait(handle.read().strip() or "another writer")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.truncate(0)
            handle.write(f"process {os.getpid()}, since {time.strftime('%d/%m/%Y %H:%M:%S')}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def writing(
    path: Path | None = None, *, fresh: bool = False, on_wait: Callable[[str], None] | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of the database, which replaces the live file when the block ends.

    `fresh` starts from an empty database instead of a copy (the sample's build). When the block raises, nothing
    of it is kept: the live file stays as it was and the copy is removed.
    """
    path = Path(path or database_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path, on_wait):
        staging = staging_path(path)
        _remove(staging)
        try:
            if path.exists() and not fresh:
                _copy_live(path, staging)
            con = db.connect(staging)
        except BaseException:  # a stop (or a fault) while the copy is made or opened: no copy is left
            _remove(staging)
            raise
        stops: list[int] = []
        try:
            yield con
            _publish(con, staging, path, stops)
        except BaseException:
            con.close()
            _remove(staging)  # not yet in place: the live file is as it was
            raise
    if stops:
        raise StoppedOnceInPlace


def _copy_live(path: Path, staging: Path) -> None:
    """Copy the live file (and a .wal an older bsdash left beside it, replayed when the copy is opened)."""
    sources = [p for p in (path, db.wal_of(path)) if p.exists()]
    needed = sum(p.stat().st_size for p in sources) + SPARE_BYTES
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise db.DatabaseError(
            f"Writing needs room for a copy of {path}: {needed / 1e9:,.1f} GB, and {free / 1e9:,.1f} GB is free "
            f"on its disk. Free some space and try again; nothing was written."
        )
    copy_file(path, staging)
    if db.wal_of(path).exists():
        copy_file(db.wal_of(path), db.wal_of(staging))


def copy_file(source: Path, target: Path) -> None:
    """Copy in the kernel (copy_file_range: no trip through this process's memory, and a reflink where the file
    system offers one), falling back to an ordinary copy."""
    with open(source, "rb") as reader, open(target, "wb") as writer:
        size = os.fstat(reader.fileno()).st_size
        try:
            done = 0
            while done < size:
                copied = os.copy_file_range(reader.fileno(), writer.fileno(), min(COPY_CHUNK, size - done))
                if copied == 0:
                    break
                done += copied
        except OSError:
            reader.seek(0)
            writer.seek(0)
            writer.truncate()
            shutil.copyfileobj(reader, writer, 16 << 20)


def _publish(con: duckdb.DuckDBPyConnection, staging: Path, path: Path, stops: list[int]) -> None:
    """Put the written copy in the live file's place: complete on disk first, then renamed in one step. A stop
    asked for from the rename on is held (into `stops`) until the rename is done and synced: stopped before it,
    nothing is written; once it is under way, it is let finish."""
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if db.wal_of(staging).exists():
        _remove(staging)
        raise db.DatabaseError(f"{staging} could not be checkpointed; {path} is unchanged.")
    _fsync(staging)
    with _stops_held(stops):
        os.replace(staging, path)
        _fsync(path.parent)
        # A .wal beside the old file was carried into the copy (replayed when it was opened); it belongs to no file
        # now.
        db.wal_of(path).unlink(missing_ok=True)


@contextmanager
def _stops_held(stops: list[int]) -> Iterator[None]:
    """Ctrl-C and SIGTERM are noted in `stops` instead of stopping the block (signals reach the main thread only:
    a writer on another thread, the dashboard's, has nothing to hold)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, _frame: stops.append(number)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(staging: Path) -> None:
    for leftover in (staging, db.wal_of(staging)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
