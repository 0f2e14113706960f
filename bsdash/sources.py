"""Reading an export file into a temporary all-text table `src`, one row per data row.

`src._row` is the row's line in the file as a spreadsheet shows it (the header is row 1), so that every message
and every quarantined row points at the line an analyst can open. Lines the CSV reader cannot split into the
header's columns are kept aside and quarantined by the caller, never dropped.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

SNIFF_BYTES = 1 << 16


class ExportError(Exception):
    """The file cannot be imported at all; the message says what is wrong and where."""


@dataclass(frozen=True)
class Source:
    """An export file read into the temporary table `src`."""

    file_name: str
    headers: list[str]
    header_line: int

    def rejected_count(self, con: duckdb.DuckDBPyConnection) -> int:
        return con.execute("select count(*) from src_rejected").fetchall()[0][0]

    def quarantine_rejected_lines(self, con: duckdb.DuckDBPyConnection, import_id: int, file_name: str) -> None:
        con.execute(
            """
            insert into quarantine
            select $id, $file, line, to_json({'line': csv_line})::varchar, reason from src_rejected
            """,
            {"id": import_id, "file": file_name},
        )


def read_source(con: duckdb.DuckDBPyConnection, path: Path, file_name: str) -> Source:
    """Read a CSV export (optionally .gz) as text; raise ExportError when it cannot be read as one."""
    _check_text(path, file_name)
    header_line = 1
    try:
        con.execute(
            """
            create or replace temp table src as
            select (row_number() over () + $first - 1)::integer as _row, *
            from read_csv($path, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"',
                          store_rejects = true, rejects_table = 'src_rejects', rejects_scan = 'src_reject_scans',
                          null_padding = false)
            """,
            {"path": str(path), "first": header_line + 1},
        )
    except duckdb.Error as error:
        raise ExportError(f"{file_name}: cannot be read as a CSV file ({_first_line(error)}).") from error
    headers = [r[0] for r in con.sql("select column_name from (describe src)").fetchall()][1:]
    con.execute(
        """
        create or replace temp table src_rejected as
        select line, csv_line, error_type || ': ' || error_message as reason,
               line - $first - (row_number() over (order by line) - 1) as accepted_before
        from (select distinct on (line) line, csv_line, error_type, error_message from src_rejects order by line)
        """,
        {"first": header_line + 1},
    )
    # A row's line is its place among the rows read, shifted by the unreadable lines before it.
    if con.execute("select count(*) from src_rejected").fetchall()[0][0]:
        con.execute(
            """
            update src set _row = src._row + r.shift
            from (
                select s._row, count(*) as shift from src s join src_rejected r
                on s._row - $first >= r.accepted_before group by s._row
            ) r where src._row = r._row
            """,
            {"first": header_line + 1},
        )
    con.execute(
        "update src_rejected set reason = 'the row could not be split into the header''s columns (' || reason || ')'"
    )
    return Source(file_name=file_name, headers=headers, header_line=header_line)


def drop_source(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("src", "src_rejected", "src_rejects", "src_reject_scans"):
        con.execute(f"drop table if exists temp.{table}")


def _check_text(path: Path, file_name: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        raise ExportError(f"{file_name}: the file is empty.")
    if path.suffix.lower() == ".gz":
        return
    if head.startswith(b"PK\x03\x04"):
        raise ExportError(f"{file_name}: this is a zip or Excel workbook, not a CSV file.")
    if b"\x00" in head:
        raise ExportError(f"{file_name}: this is a binary file, not a CSV text file.")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut in half at the end of the sample
            raise ExportError(f"{file_name}: the text is not UTF-8 (byte {error.start + 1} cannot be read).") from error


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
