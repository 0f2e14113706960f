"""One read-only connection shared by every session, cached named queries, and new data shown as it arrives.

DuckDB connections are not thread-safe and Streamlit runs each session on its own thread: every query takes
its own cursor. Writes (an import, a reference-map edit, from this dashboard or from the shell) never touch the
file this connection reads: they write a copy and rename it into place (bsdash.store.writer). The next query
notices the new file (its inode changes) and reopens; a watcher thread notices it within a second and reruns
every open page, so that each shows the new data without anyone touching it. Query results are cached by name,
parameters and the file's version, so that a new import is never hidden by the cache.
"""

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from bsdash.config import database_path, reader_memory
from bsdash.store import db
from bsdash.store.queries import Query, Registry
from bsdash.store.writer import writing
from bsdash.ui.auth import viewer
from bsdash.ui.live_data import follow

SCOPE_PARAM = "allowed_departments"


def file_version(path: Path) -> tuple:
    """The file's inode, modification time and size: a new file put in its place changes the inode."""
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class _ReadWriteLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._readers = 0
        self._writing = False
        self._condition = threading.Condition()

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._condition.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class SharedDatabase:
    """The dashboard's view of the database file."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = _ReadWriteLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._version: tuple | None = None

    def version(self) -> tuple:
        """Changes whenever the file is replaced (or, by a tool of one's own, rewritten)."""
        return file_version(self.path)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._con is None or self._version != self.version():
            with self._lock.writing():
                if self._con is None or self._version != self.version():
                    self._reopen()
        with self._lock.reading():
            cursor = self._con.cursor()  # type: ignore[union-attr]
            try:
                yield cursor
            finally:
                cursor.close()

    @contextmanager
    def writer(self, on_wait: Callable[[str], None] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to a copy of the database, which replaces it when the block ends (see
        bsdash.store.writer); every page meanwhile reads the data as it was. `on_wait` hears of another import
        being written, which this one waits for."""
        with writing(self.path, on_wait=on_wait) as con:
            yield con
        clear_caches()

    def _reopen(self) -> None:
        if self._con is not None:
            self._con.close()
        version = self.version()  # before opening: a file replaced meanwhile is noticed at the next query
        self._con = db.connect(self.path, read_only=True)
        self._con.execute(f"set memory_limit = '{reader_memory()}'")
        self._version = version


def shared_database() -> SharedDatabase:
    return _shared_database(str(database_path()))


@st.cache_resource
def _shared_database(path: str) -> SharedDatabase:
    # Keyed by the path, so that a process serving (or testing) another database file gets its own.
    database = SharedDatabase(Path(path))
    # The watcher holds the path, not the database: its thread lives as long as the process.
    follow(path, partial(file_version, database.path), on_change=partial(_new_file_at, path))
    return database


def _new_file_at(path: str) -> None:
    """A new file at `path`: forget what was computed, if that is the database this process serves now. (A
    process that served another file before, as a test process does, keeps its watcher; every kept result names
    its file, so what was kept for the other file is never shown, and its changes clear nothing here.)"""
    if path == str(database_path()):
        clear_caches()


@st.cache_resource
def registry() -> Registry:
    """The named queries, checked once at start-up: a malformed query file stops the dashboard at once."""
    return Registry()


def query(name: str, **params: object) -> pd.DataFrame:
    """Run a named query (cached by its parameters and the data's version).

    A query that lists payment- or ticket-level rows declares `$allowed_departments`; it is always bound here
    from who is looking, whatever the page passed, so that no page (and no URL) can widen a planner's scope.
    The result carries its name and bound parameters in `attrs["query"]`, for the audit log of a download.
    """
    return query_as(current_scope(), name, **params)


def current_scope() -> list[str] | None:
    """The departments whose rows the person looking may see (None: every row)."""
    return viewer().allowed_departments()


def query_as(scope: list[str] | None, name: str, **params: object) -> pd.DataFrame:
    """`query` for someone who may see the rows of `scope` (None: every row), wherever it runs."""
    database = shared_database()
    definition = registry().get(name)
    if any(p.name == SCOPE_PARAM for p in definition.params):
        params = {**params, SCOPE_PARAM: scope}
    bound = definition.bind(params)
    frame = _cached_query(name, tuple(sorted((k, _hashable(v)) for k, v in bound.items())), database.version())
    frame.attrs["query"] = {"name": name, "parameters": bound}
    return frame


def runner(name: str, params: Mapping[str, object]) -> pd.DataFrame:
    """`query` as the figures layer calls it: (name, parameters) -> DataFrame."""
    return query(name, **params)


class ScopedRunner:
    """A runner bound to one scope, whichever session or thread calls it; notes whether a row-level query ran
    (a result made without one is the same for everyone, see bsdash.ui.cache)."""

    def __init__(self, scope: list[str] | None) -> None:
        self.scope = scope
        self.scoped = False

    def __call__(self, name: str, params: Mapping[str, object]) -> pd.DataFrame:
        if any(p.name == SCOPE_PARAM for p in registry().get(name).params):
            self.scoped = True
        return query_as(self.scope, name, **params)


def query_definition(name: str) -> Query:
    return registry().get(name)


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


# Bounded: the figures made of these results are kept too (bsdash.ui.cache), and a page of rows can weigh 1 MB.
@st.cache_data(max_entries=500, show_spinner=False)
def _cached_query(name: str, params: tuple, data_version: tuple) -> pd.DataFrame:
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    with shared_database().cursor() as cursor:
        return registry().run(cursor, name, values)


_AFTER_NEW_DATA: list[Callable[[], None]] = []


def after_new_data(call: Callable[[], None]) -> None:
    """Have `call` run whenever the data changes (after the cached results are forgotten)."""
    if call not in _AFTER_NEW_DATA:
        _AFTER_NEW_DATA.append(call)


def clear_caches() -> None:
    """After an import: forget every cached result, and tell those that keep more (figures, the warm-up)."""
    _cached_query.clear()
    for call in _AFTER_NEW_DATA:
        call()
