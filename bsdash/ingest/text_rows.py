"""Reading a file's data rows into the temporary all-text table `src`, for stage 4 (type and check).

`src._row` is the row's place in the file as a spreadsheet shows it (the header is row 1 when there is no
preamble), so that every message and every quarantined row points at the row an analyst can open. A line the
CSV reader cannot split into the header's columns (too few fields, too many, a quote left open) is kept aside in
`src_rejected` with its line number, its raw text and its field count, to be quarantined; its fields are never
shifted into other columns. Blank, totals and remark lines say so.
"""

import csv
import re

import duckdb

from bsdash.ingest.errors import ExportError
from bsdash.ingest.sql import TOTALS_CELL, quote_ident
from bsdash.ingest.trip import Header

TEMPORARY = ("src", "src_rejected", "src_rejects", "src_reject_scans", "src_skipped")


def read_rows(con: duckdb.DuckDBPyConnection, header: Header, file_name: str) -> None:
    """Read the data rows below the header as text into `src`; lines that cannot be split into `src_rejected`.

    The layout is known, so nothing is sniffed: a stray quote inside a value (`ACME "UK" LTD`) is read as
    written, and only a line that breaks the CSV rules beyond reading is kept aside for the quarantine.
    """
    first = header.header_row + 1
    if header.text.complete and not header.rows:  # a header and nothing below it
        columns = ", ".join(f"null::varchar as {quote_ident(h)}" for h in header.headers)
        con.execute(f"create or replace temp table src as select null::integer as _row, {columns} limit 0")
        con.execute("create or replace temp table src_rejected (line integer, csv_line varchar, reason varchar)")
        return
    try:
        con.execute(
            """
            create or replace temp table src as
            select (row_number() over () + $first - 1)::integer as _row, *
            from read_csv($path, header = false, skip = $skip, columns = $columns, delim = $delimiter,
                          quote = '"', escape = '"', compression = $compression, null_padding = false,
                          auto_detect = false,
                          store_rejects = true, rejects_table = 'src_rejects', rejects_scan = 'src_reject_scans')
            """,
            {
                "path": str(header.text.path),
                "first": first,
                "skip": header.skip_lines,
                "columns": {h: "VARCHAR" for h in header.headers},
                "delimiter": header.delimiter,
                "compression": header.text.compression,
            },
        )
    except duckdb.Error as error:
        raise ExportError(f"{file_name}: cannot be read as a CSV file ({_first_line(error)}).") from error
    con.execute(
        """
        create or replace temp table src_rejected as
        select line, ltrim(csv_line, chr(10) || chr(13)) as csv_line, error_type::varchar as reason
        from (select distinct on (line) line, csv_line, error_type from src_rejects order by line)
        """
    )
    _explain_rejected_lines(con, header)
    _number_rows(con, first, header.blank_rows)


def _explain_rejected_lines(con: duckdb.DuckDBPyConnection, header: Header) -> None:
    """Say what each line that cannot be split is: blank, a totals line, a lone remark, or a short or long row
    with its field count (counted as a CSV reader splits it, quotes and all)."""
    rejected = con.execute("select line, csv_line, reason from src_rejected").fetchall()
    if not rejected:
        return
    width = len(header.headers)
    explained = []
    for line, text, error in rejected:
        fields = next(csv.reader([text], delimiter=header.delimiter), [])
        cells = [c.strip(' "\t\r') for c in fields if c.strip(' "\t\r')]
        if not cells:
            reason = "blank row"
        elif any(_is_totals(c) for c in cells):
            reason = "totals row"
        elif len(cells) == 1 and len(fields) < width:
            reason = f"junk row (only '{cells[0][:60]}' on the line)"
        elif error == "MISSING COLUMNS" or (error != "TOO MANY COLUMNS" and len(fields) < width):
            reason = f"short row: {len(fields)} fields where the header has {width}; kept as written, nothing shifted"
        elif error == "TOO MANY COLUMNS" or len(fields) > width:
            reason = f"long row: {len(fields)} fields where the header has {width}; kept as written, nothing shifted"
        else:
            problem = {"UNQUOTED VALUE": "a quote is left open"}.get(error, error.lower())
            reason = f"the row could not be split into the header's {width} columns ({problem})"
        explained.append((line, reason))
    con.executemany("update src_rejected set reason = ? where line = ?", [(r, line) for line, r in explained])


def _is_totals(cell: str) -> bool:
    return bool(re.fullmatch(TOTALS_CELL, cell.lower()))


def _number_rows(con: duckdb.DuckDBPyConnection, first: int, blank_rows: list[int]) -> None:
    """Shift each row's number past the lines skipped before it (rejected lines and blank lines)."""
    con.execute(
        """
        create or replace temp table src_skipped as
        select accepted_before, max(shift) as shift from (
            select line - $first - (row_number() over (order by line) - 1) as accepted_before,
                   row_number() over (order by line) as shift
            from (select line from src_rejected union select unnest($blank::integer[]))
        ) group by accepted_before
        """,
        {"first": first, "blank": blank_rows},
    )
    if not con.execute("select count(*) from src_skipped").fetchall()[0][0]:
        return
    con.execute(
        """
        create or replace temp table src as
        select s.* replace (s._row + coalesce(k.shift, 0) as _row)
        from src s asof left join src_skipped k on s._row - $first >= k.accepted_before
        order by s._row
        """,
        {"first": first},
    )


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
