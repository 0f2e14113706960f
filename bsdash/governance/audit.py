"""The audit log: every download and every import, with who, when, what and how many rows.

It lives in its own DuckDB file beside the data (`data/bsdash.audit.duckdb` beside `data/bsdash.duckdb`, or
`BSDASH_AUDIT_DB`), so that recording a download never touches the data file: the dashboard's connection to the
data stays read-only and nobody's cached results go cold. Rows are only ever appended, through `AuditLog`, one
short connection at a time under a lock, so that the dashboard and the command line can both write to it.
"""

import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from bsdash.config import database_path
from bsdash.formatting import counted
from bsdash.store import db

SCHEMA_FILE = Path(__file__).with_name("audit.sql")
COLUMNS = (
    "audit_id",
    "happened_at",
    "who",
    "role",
    "action",
    "what",
    "parameters",
    "file_name",
    "sha256",
    "row_count",
    "outcome",
    "place",
)
COMMAND_LINE = "command line"
_LOCK = threading.Lock()  # one writer (or reader) at a time in this process
_WAIT_FOR_OTHER_PROCESS_S = 10.0


def audit_path(database: Path | None = None) -> Path:
    """`BSDASH_AUDIT_DB` when set, otherwise `<database>.audit.duckdb` beside the data's file."""
    if os.environ.get("BSDASH_AUDIT_DB"):
        return Path(os.environ["BSDASH_AUDIT_DB"])
    data = Path(database or database_path())
    return data.with_name(f"{data.stem}.audit.duckdb")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the log's table in a new file, and checkpoint; an existing log is not written to by this."""
    if db.scalar(con, "select count(*) from duckdb_tables() where table_name = 'audit_log'"):
        return
    for statement in db.schema_statements(SCHEMA_FILE):
        con.execute(statement)
    con.execute("checkpoint")


@dataclass(frozen=True)
class Entry:
    who: str
    role: str
    action: str  # download or import
    what: str
    file_name: str
    row_count: int
    outcome: str
    place: str
    parameters: Mapping[str, object] | None = None
    sha256: str | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def as_json(parameters: Mapping[str, object] | None) -> str | None:
    if parameters is None:
        return None
    return json.dumps(dict(parameters), default=_json_value, sort_keys=True, ensure_ascii=False)


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


class AuditLog:
    """Append to and read the audit log in `path`."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def append(self, entry: Entry) -> int:
        """Add one entry; returns its number."""
        with self._connection(read_only=False) as con:
            create_schema(con)
            row = con.execute(
                """
                insert into audit_log
                    (who, role, action, what, parameters, file_name, sha256, row_count, outcome, place)
                values ($who, $role, $action, $what, $parameters, $file_name, $sha256, $row_count, $outcome, $place)
                returning audit_id
                """,
                {
                    "who": entry.who or "unknown",
                    "role": entry.role or "none",
                    "action": entry.action,
                    "what": entry.what,
                    "parameters": as_json(entry.parameters),
                    "file_name": entry.file_name,
                    "sha256": entry.sha256,
                    "row_count": int(entry.row_count),
                    "outcome": entry.outcome,
                    "place": entry.place,
                },
            ).fetchall()
        return int(row[0][0])

    def read(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        who: list[str] | None = None,
        actions: list[str] | None = None,
        containing: str | None = None,
    ) -> pd.DataFrame:
        """The entries, newest first, narrowed by day, person, action and a text found in what or the file."""
        if not self.path.exists():
            return pd.DataFrame(columns=list(COLUMNS))
        with self._connection(read_only=True) as con:
            return con.execute(
                """
                select * from audit_log
                where ($date_from is null or happened_at >= $date_from)
                  and ($date_to is null or happened_at < $date_to::date + interval 1 day)
                  and ($who is null or list_contains($who, who))
                  and ($actions is null or list_contains($actions, action))
                  and ($containing is null
                       or contains(lower(what), lower($containing))
                       or contains(lower(file_name), lower($containing))
                       or contains(lower(coalesce(parameters, '')), lower($containing)))
                order by audit_id desc
                """,
                {
                    "date_from": date_from,
                    "date_to": date_to,
                    "who": who or None,
                    "actions": actions or None,
                    "containing": containing or None,
                },
            ).df()

    def people(self) -> list[str]:
        if not self.path.exists():
            return []
        with self._connection(read_only=True) as con:
            return [r[0] for r in con.execute("select distinct who from audit_log order by who").fetchall()]

    def count(self) -> int:
        if not self.path.exists():
            return 0
        with self._connection(read_only=True) as con:
            return int(con.execute("select count(*) from audit_log").fetchall()[0][0])

    def _connection(self, *, read_only: bool):
        return _Connection(self.path, read_only)


class _Connection:
    """A short connection under the process's lock, waiting a little while another process holds the file."""

    def __init__(self, path: Path, read_only: bool):
        self.path, self.read_only = path, read_only
        self.con: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        _LOCK.acquire()
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            deadline = time.monotonic() + _WAIT_FOR_OTHER_PROCESS_S
            while True:
                try:
                    self.con = db.open_file(self.path, read_only=self.read_only)
                    return self.con
                except db.DatabaseInUse:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        except BaseException:
            _LOCK.release()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            if self.con is not None:
                self.con.close()
        finally:
            _LOCK.release()


def import_entry(
    report: object,
    *,
    kind: str,
    path: Path | None,
    who: str,
    role: str,
    place: str,
    options: Mapping | None = None,
    file_name: str | None = None,
) -> Entry:
    """The entry for one import: an ImportReport, or the message of a file that could not be read."""
    from bsdash.importer import ImportReport

    if isinstance(report, ImportReport):
        if report.skipped:
            outcome = f"skipped: {report.skipped}"
        else:
            outcome = (
                f"loaded {report.loaded:,}, quarantined {report.quarantined:,}, duplicates {report.duplicates:,}"
                + (f" (import #{report.import_id})" if report.import_id else "")
            )
        return Entry(
            who=who,
            role=role,
            action="import",
            what=kind,
            file_name=report.file_name,
            row_count=report.rows_read,
            outcome=outcome,
            place=place,
            parameters=options,
            sha256=report.sha256 or (file_sha256(path) if path else None),
        )
    return Entry(
        who=who,
        role=role,
        action="import",
        what=kind,
        file_name=file_name or (path.name if path else ""),
        row_count=0,
        outcome=f"refused: {report}",
        place=place,
        parameters=options,
        sha256=file_sha256(path) if path else None,
    )


def entries_in_words(entries: pd.DataFrame) -> str:
    """How many entries a reading of the log holds, and of which action: "**3 entries**: 2 downloads, 1 import."."""
    downloads = int((entries["action"] == "download").sum()) if len(entries) else 0
    return (
        f"**{counted(len(entries), 'entry', 'entries')}**: {counted(downloads, 'download')}, "
        f"{counted(len(entries) - downloads, 'import')}."
    )
