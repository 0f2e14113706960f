"""Opening the database: the writer creates the schema, readers never change anything."""

from pathlib import Path

import duckdb

from bsdash.config import database_path
from bsdash.store import aggregates

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
# Bump when schema.sql changes in a way an existing database file cannot follow.
SCHEMA_VERSION = "5"

# Extensions cannot be downloaded on the machines we run on, and a query must never try.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

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


def schema_statements(schema_file: Path = SCHEMA_FILE) -> list[str]:
    """The statements of a schema file, separated by lines holding only `;;`."""
    text = schema_file.read_text(encoding="utf-8")
    return [s.strip() for s in text.split("\n;;\n") if s.strip().strip(";").strip()]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the contract that does not exist yet, and the reference rows."""
    for statement in schema_statements():
        con.execute(statement)
    if scalar(con, "select count(*) from sla_targets") == 0:
        con.executemany("insert into sla_targets values (?, ?, ?, ?, ?)", SLA_TARGETS)
    con.execute(
        "insert into bsdash_meta values ('schema_version', $v) on conflict (key) do update set value = $v",
        {"v": SCHEMA_VERSION},
    )
    if aggregates.is_current(con):
        aggregates.create_macros(con)
    else:  # a new database, or one built before the aggregates last changed
        aggregates.refresh_all(con)


def connect(path: Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database. The writer creates it (with the schema) when missing; a reader needs it to exist."""
    path = Path(path or database_path())
    if read_only and not path.exists():
        raise DatabaseError(
            f"No database at {path}. Build the sample with `python -m bsdash sample` "
            "or import your exports with `python -m bsdash import`."
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseError(
                f"{path} is in use by another program (is the dashboard running?). "
                "Stop it, or import through the dashboard's Import page."
            ) from error
        raise DatabaseError(f"Cannot open {path}: {error}") from error
    found = _schema_version(con)
    if found != SCHEMA_VERSION and (read_only or found is not None):
        con.close()
        raise DatabaseError(
            f"{path} was built by another version of bsdash (schema {found}, expected "
            f"{SCHEMA_VERSION}). Rebuild it with `python -m bsdash sample`."
        )
    if not read_only:
        create_schema(con)
    elif not aggregates.is_current(con):
        # Built by an older bsdash: bring its aggregates up to date once (it needs a moment of writing).
        con.close()
        connect(path).close()
        return connect(path, read_only=True)
    return con


def _schema_version(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        return scalar(con, "select value from bsdash_meta where key = 'schema_version'")
    except duckdb.CatalogException:
        return None
