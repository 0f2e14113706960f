"""Reading an export's text into a temporary all-text table `src`, one row per data row.

`src._row` is the row's place in the file as a spreadsheet shows it (the header is row 1 when there is no
preamble), so that every message and every quarantined row points at the row an analyst can open. Lines the
CSV reader cannot split into the header's columns are kept aside and quarantined by the caller, never
dropped; those that are blank, a totals line or a lone remark say so.
"""

from dataclasses import dataclass

import duckdb

from bsdash.detect import Layout
from bsdash.files import ExportError, ReadableText
from bsdash.staging import quote_ident

__all__ = ["ExportError", "Source", "drop_source", "read_source"]

# A cell reading "Total", "Totals", "Grand total", "Sub-total: ..." (on a row that is not a valid record).
TOTALS_CELL = r"(grand |sub[- ]?)?totals?\b.*"


@dataclass(frozen=True)
class Source:
    """An export file read into the temporary table `src`."""

    file_name: str
    headers: list[str]
    header_row: int

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


def read_source(
    con: duckdb.DuckDBPyConnection, text: ReadableText, layout: Layout, file_name: str, blank_rows: list[int]
) -> Source:
    """Read the data rows below the header as text; `blank_rows` are blank lines among them (skipped).

    The layout is known, so nothing is sniffed: a stray quote inside a value (`ACME "UK" LTD`) is read as
    written, and only a line that breaks the CSV rules beyond reading is kept aside for the quarantine.
    """
    first = layout.header_row + 1
    if text.complete and not layout.sample_rows:  # a header and nothing below it
        columns = ", ".join(f"null::varchar as {quote_ident(h)}" for h in layout.headers)
        con.execute(f"create or replace temp table src as select null::integer as _row, {columns} limit 0")
        con.execute("create or replace temp table src_rejected (line integer, csv_line varchar, reason varchar)")
        return Source(file_name=file_name, headers=layout.headers, header_row=layout.header_row)
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
                "path": str(text.path),
                "first": first,
                "skip": layout.skip_lines,
                "columns": {h: "VARCHAR" for h in layout.headers},
                "delimiter": layout.delimiter,
                "compression": text.compression,
            },
        )
    except duckdb.Error as error:
        raise ExportError(f"{file_name}: cannot be read as a CSV file ({_first_line(error)}).") from error
    con.execute(
        """
        create or replace temp table src_rejected as
        select line, ltrim(csv_line, chr(10) || chr(13)) as csv_line, error_type || ': ' || error_message as reason
        from (select distinct on (line) line, csv_line, error_type, error_message from src_rejects order by line)
        """
    )
    _explain_rejected_lines(con, layout)
    _number_rows(con, first, blank_rows)
    return Source(file_name=file_name, headers=layout.headers, header_row=layout.header_row)


def _explain_rejected_lines(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Say what a line that cannot be split is, when it is plainly a blank, totals or remark line."""
    con.execute(
        """
        update src_rejected set reason = case
            when len(cells) = 0 then 'blank row'
            when list_bool_or([regexp_full_match(lower(c), $totals) for c in cells]) then 'totals row'
            when len(cells) = 1 then 'junk row (only ''' || left(cells[1], 60) || ''' on the line)'
            else 'the row could not be split into the header''s ' || $width || ' columns (' || reason || ')'
        end
        from (
            select line as l, list_filter(
                [trim(c, ' "' || chr(9) || chr(13)) for c in string_split(csv_line, $delimiter)], lambda c: c <> ''
            ) as cells
            from src_rejected
        ) split
        where line = split.l
        """,
        {"totals": TOTALS_CELL, "delimiter": layout.delimiter, "width": len(layout.headers)},
    )


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


def drop_source(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("src", "src_rejected", "src_rejects", "src_reject_scans", "src_skipped"):
        con.execute(f"drop table if exists temp.{table}")


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
