"""Reading a file's data rows into the temporary all-text table `src`, for stage 4 (type and check), with every
record of the file accounted for.

`src._row` is the row's place in the file as a spreadsheet shows it (the header is row 1 when there is no
preamble; a value over several lines is one row; a blank line is a row), so that every message and every
quarantined row points at the row an analyst can open. A line the CSV reader cannot split into the header's
columns (too few fields, too many, a quote left open) is kept aside in `src_rejected` with its row number,
its raw text and its field count, to be quarantined; its fields are never shifted into other columns. Blank,
totals and remark lines say so.

The rows are counted twice: by the reader that loads them (DuckDB's `read_csv`, which keeps every line it
cannot split, with its row, in its rejects table), and by a reading of the file's own (bsdash.ingest.records).
Each record below the header must be a row read, a line rejected, or a blank line; when the two counts part,
the file stops, naming the first row where they do, and nothing is written.
"""

import gzip
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bsdash.formatting import counted
from bsdash.ingest.accounting import first_difference
from bsdash.ingest.errors import ExportError, said
from bsdash.ingest.records import RecordScan, SetAside, csv_fields, scan_records
from bsdash.ingest.sql import TOTALS_CELL, quote_ident
from bsdash.ingest.trip import Header, Text, Trip

TEMPORARY = ("src", "src_rejected", "src_rejects", "src_reject_scans", "src_skipped")
_TOTALS_CELL = re.compile(TOTALS_CELL)
LONGEST_ROW = 1 << 21  # DuckDB's longest line; a longer row is quarantined with its first characters


def read_rows(trip: Trip) -> None:
    """Read the data rows below the header as text into `src`; lines that cannot be split into `src_rejected`.

    The layout is known, so nothing is sniffed: a stray quote inside a value (`ACME "UK" LTD`) is read as
    written, and only a line that breaks the CSV rules beyond reading is kept aside for the quarantine.
    """
    assert trip.header is not None
    con, header, text = trip.connection, trip.header, trip.header.text
    scan = scan_records(
        text.path,
        text.compression,
        newline=text.newline,
        delimiter=header.delimiter,
        header_row=header.header_row,
        width=len(header.headers),
        padded=text.padded,
        locate=tuple(r.offset for r in text.repairs),
    )
    skipped = scan.skipped(header.header_row)
    expected = scan.records - header.header_row - len(skipped)
    if expected:
        _read(con, trip, scan)
    else:
        columns = ", ".join(f"null::varchar as {quote_ident(h)}" for h in header.headers)
        con.execute(f"create or replace temp table src as select null::integer as _row, {columns} limit 0")
        con.execute("create or replace temp table src_rejects (line bigint, csv_line varchar, error_type varchar)")
    con.execute(
        """
        create or replace temp table src_rejected as
        select line::integer as line, ltrim(csv_line, chr(10) || chr(13)) as csv_line, error_type::varchar as reason
        from (select distinct on (line) line, csv_line, error_type from src_rejects order by line)
        """
    )
    read = con.execute("select (select count(*) from src) + (select count(*) from src_rejected)").fetchall()[0][0]
    if read != expected:
        raise ExportError(first_difference(con, trip, scan, read, expected))
    _explain_rejected_lines(con, header, scan)
    _number_rows(con, header.header_row + 1, skipped)
    _tell(trip, scan)


def _read(con: duckdb.DuckDBPyConnection, trip: Trip, scan: RecordScan) -> None:
    """The rows below the header into `src`, numbered in order (numbers set right by `_number_rows`)."""
    header = trip.header
    assert header is not None
    path, compression = header.text.path, header.text.compression
    if scan.set_aside:  # the records set aside are read as blank lines: skipped, and still numbered
        path, compression = _without(header.text, scan, trip), "none"
    try:
        con.execute(
            """
            create or replace temp table src as
            select (row_number() over () + $first - 1)::integer as _row, *
            from read_csv($path, header = false, skip = $skip, columns = $columns, delim = $delimiter,
                          quote = '"', escape = '"', compression = $compression, null_padding = $padded,
                          parallel = $parallel, auto_detect = false, max_line_size = $longest,
                          store_rejects = true, rejects_table = 'src_rejects', rejects_scan = 'src_reject_scans')
            """,
            {
                "path": str(path),
                "first": header.header_row + 1,
                "skip": header.header_row,
                "columns": {h: "VARCHAR" for h in header.headers},
                "delimiter": header.delimiter,
                "compression": compression,
                "padded": header.text.padded,
                # DuckDB pads rows holding a value over several lines only when it reads in one thread.
                "parallel": not header.text.padded,
                "longest": LONGEST_ROW,
            },
        )
    except duckdb.Error as error:
        raise ExportError(f"{trip.file_name}: cannot be read as a CSV file ({said(error)}).") from error


def _without(text: Text, scan: RecordScan, trip: Trip) -> Path:
    """A copy of the text with the lines set aside emptied (their line ends kept, so every row keeps its place)."""
    assert trip.folder is not None
    target = trip.folder / "rows.csv"
    opener = gzip.open if text.compression == "gzip" else open
    cuts = sorted((a.start, a.end) for a in scan.set_aside)
    with opener(text.path, "rb") as source, target.open("wb") as out:
        position = 0
        for start, end in cuts:
            out.write(source.read(start - position))
            source.read(end - start)
            position = end
        for block in iter(lambda: source.read(1 << 22), b""):
            out.write(block)
    return target


def _explain_rejected_lines(con: duckdb.DuckDBPyConnection, header: Header, scan: RecordScan) -> None:
    """Keep the lines DuckDB could not split and the records set aside in `src_rejected`, each with what it is:
    blank, a totals line, a lone remark, a quote left open, or a short or long row with its field count (counted
    as a CSV reader splits it, quotes and all)."""
    width = len(header.headers)
    rejected = con.execute("select line, csv_line, reason from src_rejected").fetchall()
    rejected += [(a.record, a.text, _error(a, width)) for a in scan.set_aside]
    if not rejected:
        return
    counted_fields = {a.record: a.fields for a in scan.set_aside if a.fields}
    cut = {a.record for a in scan.set_aside if a.cut}
    explained = []
    for line, text, error in rejected:
        fields = csv_fields(text, header.delimiter)
        cells = [c.strip(' "\t\r\n') for c in fields if c.strip(' "\t\r\n')]
        count = counted_fields.get(line, len(fields))
        kept = "kept as written" + (" (its first and last characters)" if line in cut else "")
        if error == "OPEN QUOTE":
            reason = (
                f"a quote is left open: its value never closes into a row of the header's {width} columns; the row "
                "is kept as written, and the rows below it are read on their own"
            )
        elif error == "LINE SIZE OVER MAXIMUM":
            reason = f"the row is over {LONGEST_ROW:,} characters long: no export's row is; its start is kept"
        elif not cells:
            reason = "blank row"
        elif any(_is_totals(c) for c in cells):
            reason = "totals row"
        elif len(cells) == 1 and count < width:
            reason = f"junk row (only '{cells[0][:60]}' on the line)"
        elif error == "MISSING COLUMNS" or (error != "TOO MANY COLUMNS" and count < width):
            reason = f"short row: {count} fields where the header has {width}; {kept}, nothing shifted"
        elif error == "TOO MANY COLUMNS" or count > width:
            reason = f"long row: {count} fields where the header has {width}; {kept}, nothing shifted"
        else:
            problem = {"UNQUOTED VALUE": "a quote is left open"}.get(error, error.lower())
            reason = f"the row could not be split into the header's {width} columns ({problem})"
        explained.append((line, text, reason))
    # Written at once: row by row, DuckDB takes a millisecond each (a file may set aside all of its rows).
    con.register("src_explained", pd.DataFrame(explained, columns=["line", "csv_line", "reason"]))
    try:
        con.execute(
            "create or replace temp table src_rejected as "
            "select line::integer as line, csv_line::varchar as csv_line, reason::varchar as reason "
            "from src_explained order by line"
        )
    finally:
        con.unregister("src_explained")


def _error(record: SetAside, width: int) -> str:
    """A record set aside, named as DuckDB names the lines it cannot split."""
    if record.fields is None:
        return "OPEN QUOTE"
    return "TOO MANY COLUMNS" if record.fields > width else "MISSING COLUMNS"


def _is_totals(cell: str) -> bool:
    return bool(_TOTALS_CELL.fullmatch(cell.lower()))


def _number_rows(con: duckdb.DuckDBPyConnection, first: int, skipped: np.ndarray) -> None:
    """Shift each row's number past the records before it that are no row: rejected, blank and set aside."""
    rows = con.execute("select count(*) from src").fetchall()[0][0]
    # Records skipped after the last row shift nothing (a worksheet may have a million blank rows below its data).
    skipped = skipped[skipped - first - np.arange(len(skipped)) < rows]
    con.register("src_skipped_records", pd.DataFrame({"line": skipped}))
    try:
        con.execute(
            """
            create or replace temp table src_skipped as
            select accepted_before, max(shift) as shift from (
                select line - $first - (row_number() over (order by line) - 1) as accepted_before,
                       row_number() over (order by line) as shift
                from (select line from src_rejected union select line from src_skipped_records)
            ) group by accepted_before
            """,
            {"first": first},
        )
    finally:
        con.unregister("src_skipped_records")
    shifts_a_row = "select (select min(accepted_before) from src_skipped) < (select count(*) from src)"
    if not con.execute(shifts_a_row).fetchall()[0][0]:  # none, or only after the last row (trailing blank lines)
        return
    # Only the numbers change: an update rewrites that one column, not the whole table.
    con.execute(
        """
        update src set _row = src._row + shifted.shift
        from (
            select s._row as read_as, k.shift
            from (select _row from src) s asof join src_skipped k on s._row - $first >= k.accepted_before
        ) shifted
        where src._row = shifted.read_as
        """,
        {"first": first},
    )


def _tell(trip: Trip, scan: RecordScan) -> None:
    """The blank lines skipped and what was done to the text, for the report."""
    assert trip.header is not None
    text, report = trip.header.text, trip.report
    report.blank_lines = int(np.count_nonzero(np.asarray(scan.blank) > trip.header.header_row))
    report.notes += text.notes
    if text.repaired:
        shown = ", ".join(f"'{r.read_as}' on row {scan.located.get(r.offset, '?')}" for r in text.repairs[:8])
        more = text.repaired - min(len(text.repairs), 8)
        report.notes.append(
            f"{counted(text.repaired, 'character')} not UTF-8 read as Windows-1252, each on its own (the rest of "
            f"the text is UTF-8): {shown}" + (f" and {more:,} more" if more else "")
        )
