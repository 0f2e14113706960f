"""Opening the database: readers never change anything, and no open writes what a crash could not undo.

A read-write open writes only when the file is new or built by another version of bsdash (the schema, the
reference rows, the stored macros and aggregates), and checkpoints straight after, so that no .wal is left
holding it. The live file itself is only ever replaced whole, by bsdash.store.writer.

DuckDB replays a .wal when it opens a file, before its built-in functions are loaded: a .wal holding a stored
macro that calls one (as a process killed after an older bsdash's open left behind) cannot be replayed by a
plain open. `open_file` then recovers it, replaying it from an in-memory database where they are loaded.
"""

import hashlib
from pathlib import Path

import duckdb

from bsdash.config import database_path
from bsdash.store import aggregates

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
# Bump when schema.sql changes in a way an existing database file cannot follow.
SCHEMA_VERSION = "5"
# The stored macros change with their text: a database holding other macros gets these the next time it is written.
MACROS_VERSION = hashlib.sha256("\n".join(aggregates.MACROS).encode()).hexdigest()[:16]

# Extensions cannot be downloaded on the machines we run on, and a query must never try.
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

SLA_TARGETS = [
    # priority, name, resolve within hours, assign within minutes, compliance target %
    ("P1", "Critical", 4, 15, 95),
    ("P2", "High", 8, 30, 90),
    ("P3", "Moderate", 72, 240, 85),
    ("P4", "Low", 120, 480, 85),
]


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> tuple | None:
    """The first row of a query, or None. Drains the result: DuckDB keeps a connection busy until it is read."""
    rows = con.execute(sql, params or {}).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None):
    """The single value of a one-row, one-column query (None when there is no row)."""
    row = first_row(con, sql, params)
    return row[0] if row else None


class DatabaseError(Exception):
    """The database cannot be opened as asked; the message says why and what to do."""


class DatabaseInUse(DatabaseError):
    """Another process has the file open in a way that excludes this open."""


def schema_statements(schema_file: Path = SCHEMA_FILE) -> list[str]:
    """The statements of a schema file, separated by lines holding only `;;`."""
    text = schema_file.read_text(encoding="utf-8")
    return [s.strip() for s in text.split("\n;;\n") if s.strip().strip(";").strip()]


def wal_of(path: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a database file."""
    return Path(f"{path}.wal")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the contract's tables, reference rows, stored macros and aggregates where they are missing or out of
    date, and checkpoint. A database already up to date is not written at all."""
    if not _needs_schema_work(con):
        return
    con.execute("begin transaction")
    try:
        for statement in schema_statements():
            con.execute(statement)
        if scalar(con, "select count(*) from sla_targets") == 0:
            con.executemany("insert into sla_targets values (?, ?, ?, ?, ?)", SLA_TARGETS)
        if aggregates.is_current(con):
            aggregates.create_macros(con)
        else:  # a new database, or one built before the aggregates last changed
            aggregates.refresh_all(con)
        for key, value in (("schema_version", SCHEMA_VERSION), ("macros_version", MACROS_VERSION)):
            con.execute(
                "insert into bsdash_meta values ($k, $v) on conflict (key) do update set value = $v",
                {"k": key, "v": value},
            )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    # The schema work goes into the file now: a process killed later leaves no .wal that would have to redo it.
    con.execute("checkpoint")


def _needs_schema_work(con: duckdb.DuckDBPyConnection) -> bool:
    meta = dict(_meta(con))
    return (
        meta.get("schema_version") != SCHEMA_VERSION
        or meta.get("macros_version") != MACROS_VERSION
        or meta.get("aggregates_version") != aggregates.VERSION
    )


def connect(path: Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database. The writer creates it (with the schema) when missing; a reader needs it to exist.

    The dashboard and the import never open the live file for writing: they write a copy and put it in its place
    (bsdash.store.writer.writing). A read-write open here is for that copy, a new file, or a tool of one's own.
    """
    path = Path(path or database_path())
    if read_only and not path.exists():
        raise DatabaseError(
            f"No database at {path}. Build the sample with `python -m bsdash sample` "
            "or import your exports with `python -m bsdash import`."
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = open_file(path, read_only=read_only)
    found = _schema_version(con)
    if found != SCHEMA_VERSION and (read_only or found is not None):
        con.close()
        raise DatabaseError(
            f"{path} was built by another version of bsdash (schema {found}, expected "
            f"{SCHEMA_VERSION}). Rebuild it with `python -m bsdash sample`."
        )
    if not read_only:
        create_schema(con)
    elif _needs_schema_work(con):
        # Built by an older bsdash: bring its aggregates and macros up to date once, as an import writes.
        con.close()
        from bsdash.store.writer import writing

        with writing(path):
            pass
        return connect(path, read_only=True)
    return con


def open_file(path: Path, *, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, recovering a .wal that a plain open cannot replay; errors said as DatabaseError."""
    config = config or CONFIG
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as error:
        if _is_lock_error(error) or not wal_of(path).exists():
            raise _open_error(path, error) from error
    recover(path, config)
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as error:
        raise _open_error(path, error) from error


def recover(path: Path, config: dict | None = None) -> None:
    """Replay the .wal beside `path` into the file, from an in-memory database (where DuckDB's built-in functions
    are already loaded, so that stored macros bind), and checkpoint. Nothing of the data is lost: the .wal holds
    only committed transactions. A .wal that belongs to another file is set aside, never replayed."""
    from bsdash.store.writer import writer_lock

    with writer_lock(path):
        wal = wal_of(path)
        if not wal.exists():  # recovered by another process meanwhile
            return
        memory = duckdb.connect(config=config or CONFIG)
        try:
            memory.execute(f"attach '{_sql_text(path)}' as recovering")
            memory.execute("checkpoint recovering")
            memory.execute("detach recovering")
        except duckdb.Error as error:
            if "does not match" not in str(error):
                raise DatabaseError(
                    f"{path} has a write-ahead log ({wal.name}) that cannot be replayed: {error}"
                ) from error
            wal.rename(wal.with_name(wal.name + ".unmatched"))  # left by a file that has since been replaced
        finally:
            memory.close()


def _open_error(path: Path, error: duckdb.Error) -> DatabaseError:
    if _is_lock_error(error):
        return DatabaseInUse(f"{path} is in use by another program: {error}")
    return DatabaseError(f"Cannot open {path}: {error}")


def _is_lock_error(error: duckdb.Error) -> bool:
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _meta(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    try:
        return con.execute("select key, value from bsdash_meta").fetchall()
    except duckdb.CatalogException:
        return []


def _schema_version(con: duckdb.DuckDBPyConnection) -> str | None:
    return dict(_meta(con)).get("schema_version")
