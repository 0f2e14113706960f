"""Stage 2, finding the header: which worksheet holds the export, how its fields are separated, which row names
its columns, and the rows below it to know the columns by.

A header may sit below a title block, report parameters and blank lines; a workbook may open on a title sheet.
Every worksheet, delimiter and row among the first forty is scored by how many of our columns its cells name
(bsdash.ingest.names); a row of numbers and dates is data, never a header. When no row names any of our
columns, the first row with text is taken, and stage 3 knows the columns by their values alone.

The text's first part is split into fields by the reader that loads the rows (DuckDB's, in
bsdash.ingest.text_rows), and its records are numbered as the loader numbers them (bsdash.ingest.records):
a title over two lines, a blank line or a very long value above the header cannot make the two count rows
differently.

Entry: `find_header(trip)`.
"""

import gzip
import re
from dataclasses import dataclass

import duckdb
import numpy as np

from bsdash.ingest.errors import ExportError, said
from bsdash.ingest.kinds import Kind
from bsdash.ingest.names import match_score
from bsdash.ingest.records import RecordScan, scan_records
from bsdash.ingest.trip import RESERVED_HEADERS, Header, Text, Trip
from bsdash.store.db import CONFIG

DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 40
# Rows below the header kept for knowing the columns by their values (as many as the text's first part holds).
SAMPLE_ROWS = 5_000
SAMPLE_CELLS = 1_000_000  # and at most this many cells (a file of 3,000 columns gives 333 rows)
HEAD_BYTES = 1 << 18  # enough text to find the header below any preamble and to know the columns by their values
MAX_HEAD_BYTES = 1 << 24  # a first row longer than this is no export's
MAX_COLUMNS = 16_384  # Excel's widest sheet
NOTHING = "\x00\x01"  # DuckDB's null string for the head: a padded field is null, an empty one ''


def find_header(trip: Trip) -> None:
    """Stage 2: choose the worksheet, delimiter and header row; keep the rows below the header as a sample."""
    assert trip.info is not None and trip.folder is not None
    mapping = trip.mapping
    named = {s for sources in (mapping.columns.values() if mapping else ()) for s in sources}
    best: tuple[float, Text, int, str, _Head] | None = None
    unreadable: list[str] = []  # why DuckDB could not read the text with a delimiter
    too_wide: dict[int, int] = {}  # rows of more fields than any export's, by row
    con = duckdb.connect(config=CONFIG)
    try:
        for text in trip.texts.values():
            delimiters = (mapping.delimiter,) if mapping and mapping.delimiter else DELIMITERS
            for delimiter in delimiters if text.sheet is None else (",",):  # a worksheet is written with commas
                try:
                    head = _head_records(con, trip, text, delimiter, too_wide=too_wide)
                except duckdb.Error as error:  # split by the wrong delimiter, a text may break the CSV rules
                    unreadable.append(said(error))
                    continue
                assert head is not None
                rows = [mapping.header_row - 1] if mapping and mapping.header_row else range(HEADER_SEARCH_ROWS)
                for index in rows:
                    if index >= len(head.records):
                        continue
                    score = _header_score(head.records[index], trip.kind, named)
                    if best is None or score > best[0]:
                        best = (score, text, index, delimiter, head)
        if best is None and unreadable:
            raise ExportError(f"{trip.file_name}: cannot be read as a CSV file ({unreadable[0]}).")
        if best is None:
            row = mapping.header_row if mapping and mapping.header_row else 1
            raise ExportError(f"{trip.file_name}: row {row} is beyond the end of the file.")
        score, text, index, delimiter, head = best
        records = head.records
        if score <= 0 and not (mapping and mapping.header_row):
            # Nothing recognisable: the first row with text is the header, and values will tell the columns.
            index = next((i for i, r in enumerate(records) if sum(1 for c in r if c.strip()) >= 2), 0)
        if not records[index] and index + 1 in too_wide:
            raise ExportError(
                f"{trip.file_name}: row {index + 1}, where the header should be, has {too_wide[index + 1]:,} fields, "
                f"more than any export's {MAX_COLUMNS:,} columns: this is not an export."
            )
        if not records[index]:
            raise ExportError(f"{trip.file_name}: row {index + 1}, where the header should be, cannot be read as CSV.")
        if not text.padded:  # the rows below it as the loader reads them: a quote left open set aside
            head = _head_records(con, trip, text, delimiter, header=(index + 1, len(records[index]))) or head
            records = head.records
    finally:
        con.close()
    text.complete = head.complete
    header_row = index + 1
    trip.header = Header(
        text=text,
        header_row=header_row,
        delimiter=delimiter,
        headers=_unique_headers(records[index]),
        preamble=[",".join(cell for cell in r if cell) for r in records[:index] if any(c.strip() for c in r)],
        rows=[r for r in records[index + 1 : index + 1 + SAMPLE_ROWS] if any(c.strip() for c in r)],
    )
    trip.report.file_type = trip.info.describe() + (f", sheet '{text.sheet}'" if text.sheet else "")
    trip.report.header_row = header_row


def _head_records(
    con: duckdb.DuckDBPyConnection,
    trip: Trip,
    text: Text,
    delimiter: str,
    header: tuple[int, int] | None = None,
    too_wide: dict[int, int] | None = None,
) -> "_Head | None":
    """The records of the text's first part, split by DuckDB; a blank line or a line it cannot split is [].

    A row of more fields than any export's is set aside (and noted in `too_wide`). Given the `header` (its row
    and width), the rows below it are set aside as the loader sets them aside (bsdash.ingest.records): a quote
    left open, a row far too wide; None when there is none (the records read before stand).
    """
    scan, data = _head(trip.file_name, text, delimiter, header)
    if header is not None and not scan.set_aside:
        return None
    if too_wide is not None:
        too_wide.update({a.record: a.fields or 0 for a in scan.set_aside})
    if header is None and delimiter != "," and delimiter.encode() not in data:
        return _Head(
            [], scan.complete
        )  # not this text's delimiter (a comma is tried whatever the text: one column splits by none)
    width = _widest(data, scan, delimiter)
    for aside in reversed(scan.set_aside):  # emptied, line end kept: a blank line, as the loader reads it
        data = data[: aside.start] + data[aside.end :]
    assert trip.folder is not None
    target = trip.folder / "head.csv"
    target.write_bytes(data)
    if not scan.records:
        return _Head([], scan.complete)
    con.execute("drop table if exists head_rejects; drop table if exists head_scans")
    columns = {f"c{i}": "VARCHAR" for i in range(1, width + 1)}
    # Enough rows to find the header and know the columns by their values; fewer of a very wide file.
    wanted = max(HEADER_SEARCH_ROWS + 10, min(HEADER_SEARCH_ROWS + SAMPLE_ROWS, SAMPLE_CELLS // width))
    rows = con.execute(
        """
        select *
        from read_csv($path, header = false, columns = $columns, delim = $delimiter, quote = '"', escape = '"',
                      auto_detect = false, null_padding = true, parallel = false, nullstr = $nothing,
                      max_line_size = $longest, store_rejects = true, rejects_table = 'head_rejects',
                      rejects_scan = 'head_scans')
        limit $wanted
        """,
        {
            "path": str(target),
            "columns": columns,
            "delimiter": delimiter,
            "nothing": NOTHING,
            "longest": max(len(data) + 1, 1 << 21),
            "wanted": wanted,
        },
    ).fetchall()
    rejected = {line for (line,) in con.execute("select distinct line from head_rejects").fetchall()}
    skipped = set(scan.blank) | rejected | {a.record for a in scan.set_aside}
    records: list[list[str]] = []
    read = iter(rows)
    for record in range(1, min(scan.records, HEADER_SEARCH_ROWS + SAMPLE_ROWS) + 1):  # as many as are looked at
        if record in skipped:
            records.append([])
            continue
        row = next(read, None)
        if row is None:  # the rows asked for are all placed
            break
        cells = list(row)
        while cells and cells[-1] is None:  # padding, not the record's own fields
            cells.pop()
        records.append([c.strip() if c else "" for c in cells])
    return _Head(records, complete=scan.complete and len(rows) < wanted)


@dataclass
class _Head:
    """The records of a text's first part, as DuckDB splits them with one delimiter."""

    records: list[list[str]]
    complete: bool  # they are the whole text's


def _head(file_name: str, text: Text, delimiter: str, header: tuple[int, int] | None) -> tuple[RecordScan, bytes]:
    """The text's first whole records (at least one, however long), and their bytes."""
    limit = HEAD_BYTES
    header_row, width = header or (None, 0)
    while True:
        scan = scan_records(
            text.path,
            text.compression,
            newline=text.newline,
            delimiter=delimiter,
            header_row=header_row,
            width=width,
            most_fields=None if header else MAX_COLUMNS,
            limit=limit,
        )
        if scan.records or scan.complete:
            break
        if limit >= MAX_HEAD_BYTES:
            raise ExportError(
                f"{file_name}: the first row is over {MAX_HEAD_BYTES // (1 << 20)} MB long: this is not an export."
            )
        limit *= 4
    cut = scan.ends[-1] if scan.ends else 0
    opener = gzip.open if text.compression == "gzip" else open
    with opener(text.path, "rb") as handle:
        return scan, handle.read(cut if not scan.complete else limit)


def _widest(data: bytes, scan: RecordScan, delimiter: str) -> int:
    """The most fields a record of the head can have (delimiters + 1), records set aside aside."""
    array = np.frombuffer(data, dtype=np.uint8)
    marks = np.flatnonzero(array == ord(delimiter))
    ends = np.asarray(scan.ends[: scan.records] or [len(data)])
    per_record = np.diff(np.searchsorted(marks, ends), prepend=0) + 1
    aside = [a.record - 1 for a in scan.set_aside if a.record <= len(per_record)]
    per_record[aside] = 1
    return int(min(per_record.max(initial=1), MAX_COLUMNS))


def _header_score(record: list[str], kind: Kind, named: set[str]) -> float:
    """How much a row looks like this kind's header: our columns its cells name, required ones twice."""
    cells = [c for c in record if c]
    if len(cells) < min(2, len(kind.columns)):
        return 0
    if any(_is_number_or_date(c) for c in cells):  # a data row, not a header
        return 0
    found, used = 0.0, set()
    for column in kind.columns:
        best = max(((match_score(cell, column)[0], cell) for cell in cells if cell not in used), default=(0, ""))
        if best[0]:
            used.add(best[1])
            found += 2 if column.required else 1
    named_lower = {n.lower() for n in named}
    mapped = sum(1 for cell in cells if cell.lower() in named_lower)
    return found + 2 * mapped - 0.01 * max(0, len(cells) - len(kind.columns))


def _is_number_or_date(cell: str) -> bool:
    return bool(re.fullmatch(r"[-+£(]?[0-9][0-9,.:/ -]*\)?", cell))


def _unique_headers(record: list[str]) -> list[str]:
    """The header's cells, blank ones named by their place and repeated ones (or the stages' own) numbered."""
    headers, seen = [], set(RESERVED_HEADERS)
    for i, cell in enumerate(record, start=1):
        name = cell.strip().replace("\ufeff", "") or f"column {i}"
        base, n = name, 2
        while name.lower() in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name.lower())
        headers.append(name)
    return headers
