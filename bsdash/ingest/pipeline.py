"""The import as one straight pipeline: a file passes once through each stage, in order, carrying one `Trip`.

    1 read the bytes      (read.py)     what the file is, its SHA-256 and encoding, its text as UTF-8
    2 find the header     (header.py)   the worksheet, the delimiter, the header row, a sample of rows
    3 match columns       (columns.py)  names, values and the mapping file -> which column is which of ours
    4 type and check      (check.py)    every row as text into DuckDB, typed, resolved, checked
    5 collapse events     (events.py)   an event log to one row per record, with what it lacks derived
    6 classify            (classify.py) new, newer, duplicate or quarantined
    7 write               (write.py)    the import's record, the quarantine, the rows; the contract verified
    8 refresh aggregates  (refresh.py)  what the pages read

No stage calls another; each reads what the stages before it left on the trip. Stages 4 to 8 run in one
transaction per file: a file that cannot be read at all raises `ExportError` and leaves the database exactly as
it was. A preview (the Import page, `import --dry-run`) runs stages 1 to 3 only and writes nothing.
"""

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb

from bsdash.ingest.check import type_and_check
from bsdash.ingest.classify import classify_rows
from bsdash.ingest.columns import match_columns
from bsdash.ingest.errors import ExportError, failure_message, said
from bsdash.ingest.events import collapse_events
from bsdash.ingest.header import find_header
from bsdash.ingest.kinds import KINDS
from bsdash.ingest.mapping import Mapping, resolve
from bsdash.ingest.preview import Preview, describe
from bsdash.ingest.read import read_bytes
from bsdash.ingest.refresh import refresh_aggregates
from bsdash.ingest.report import ImportReport
from bsdash.ingest.sql import quote_ident
from bsdash.ingest.trip import TEMPORARY_PREFIXES, TEMPORARY_TABLES, Progress, Trip
from bsdash.ingest.write import write_rows

READING = (read_bytes, find_header, match_columns)
WRITING = (type_and_check, collapse_events, classify_rows, write_rows, refresh_aggregates)
STAGES = READING + WRITING


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    kind: str,
    *,
    force: bool = False,
    user: str | None = None,
    file_name: str | None = None,
    mapping: Mapping | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one export file in one transaction. Raises ExportError when the file cannot be read at all.

    A file whose content was imported before is skipped, unless `force` (its rows then count as duplicates,
    or load where they were quarantined before and a mapping has since been added). `mapping` settles what
    matching cannot; `progress` hears of each step.
    """
    started = time.perf_counter()
    trip = _trip(path, kind, file_name, mapping, force=force, user=user, con=con, progress=progress)
    with trip:
        for stage in READING:
            _read(stage, trip)
            if trip.stop:
                trip.report.skipped = trip.stop
                trip.report.seconds = time.perf_counter() - started
                return trip.report
        con.execute("begin transaction")
        try:
            for stage in WRITING:
                stage(trip)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        finally:
            _drop_temporaries(con)
    trip.report.seconds = time.perf_counter() - started
    trip.progress(1.0, f"{trip.file_name} imported")
    return trip.report


def import_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    kind: str,
    *,
    force: bool = False,
    user: str | None = None,
    mapping: Mapping | None = None,
    on_file: Callable[[ImportReport], None] | None = None,
) -> list[ImportReport]:
    """Import several files of one kind, each in its own transaction; stops at the first unreadable file."""
    reports = []
    for path in paths:
        report = import_file(con, Path(path), kind, force=force, user=user, mapping=mapping)
        reports.append(report)
        if on_file:
            on_file(report)
    return reports


def preview_file(path: Path, kind: str, *, file_name: str | None = None, mapping: Mapping | None = None) -> Preview:
    """How the file would be read as `kind` (stages 1 to 3); problems are reported in `error`, never raised."""
    name = file_name or Path(path).name
    try:
        trip = _trip(path, kind, name, mapping, lenient=True)
        with trip:
            for stage in READING:
                _read(stage, trip)
            return describe(trip)
    except Exception as error:  # whatever the file holds, the preview says why it cannot be read
        return Preview(file_name=name, kind=kind, error=failure_message(name, error))


def _read(stage: Callable[[Trip], None], trip: Trip) -> None:
    """Run a reading stage: a fault no check foresaw in a file's bytes stops the file with a message saying so."""
    try:
        stage(trip)
    except ExportError:
        raise
    except (OSError, UnicodeError, ValueError, LookupError, duckdb.Error) as error:
        raise ExportError(f"{trip.file_name}: cannot be read ({type(error).__name__}: {said(error)}).") from error


def _trip(path: Path, kind: str, file_name: str | None, mapping: Mapping | None, **options) -> Trip:
    if kind not in KINDS:
        raise ExportError(f"Unknown kind '{kind}'. Accepted: {', '.join(KINDS)}.")
    spec = KINDS[kind]
    path = Path(path)
    progress = options.pop("progress", None)
    trip = Trip(
        path=path,
        file_name=file_name or path.name,
        kind=spec,
        mapping=resolve(mapping, spec) if mapping else None,
        **options,
    )
    if progress is not None:
        trip.progress = progress
    return trip


def _drop_temporaries(con: duckdb.DuckDBPyConnection) -> None:
    for name, table_type in con.execute(
        "select table_name, table_type from information_schema.tables where table_catalog = 'temp'"
    ).fetchall():
        if name in TEMPORARY_TABLES or name.startswith(TEMPORARY_PREFIXES):
            con.execute(f"drop {'view' if table_type == 'VIEW' else 'table'} if exists temp.{quote_ident(name)}")
