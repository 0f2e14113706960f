"""Where the rows read and the file's own records part, when their counts differ (bsdash.ingest.text_rows).

The file's records below the header are walked in order beside the rows the reader loaded and the lines it
rejected: the first record that is neither a line rejected at its row nor the next row read (compared by its
text, spaces and quotes aside) is where they part. This runs only when the counts already differ, so it may
take its time.
"""

import gzip
import re

import duckdb

from bsdash.ingest.records import RecordScan, csv_fields, scan_records
from bsdash.ingest.trip import Trip

SHOWN = 80


def first_difference(con: duckdb.DuckDBPyConnection, trip: Trip, scan: RecordScan, read: int, expected: int) -> str:
    """The message stopping a file whose rows read are not its records: the first row where they part."""
    header = trip.header
    assert header is not None
    text = header.text
    ends = scan_records(
        text.path, text.compression, newline=text.newline, delimiter=header.delimiter, keep_ends=True
    ).ends
    opener = gzip.open if text.compression == "gzip" else open
    with opener(text.path, "rb") as handle:
        data = handle.read()
    rejected = {line for (line,) in con.execute("select line from src_rejected").fetchall()}
    skipped = set(scan.skipped(header.header_row).tolist())
    rows = con.execute("select * exclude (_row) from src order by _row")  # read row by row, nothing else asked
    found = None
    for record in range(header.header_row + 1, len(ends) + 1):
        if record in skipped or record in rejected:
            continue
        start = ends[record - 2] if record >= 2 else 0
        own = data[start : ends[record - 1]].decode("utf-8", "replace").rstrip("\r\n")
        row = rows.fetchone()
        if row is None or _squeezed(row) != _squeezed(csv_fields(own, header.delimiter)):
            found = (record, own, row)
            break
    counts = f"the file has {expected:,} rows below its header, and {read:,} were read"
    if found is None:
        where = f"after its last row ({len(ends):,}), the reader read rows the file does not hold"
    else:
        record, own, row = found
        theirs = "no row" if row is None else f"'{_short(','.join(v or '' for v in row))}'"
        where = f"row {record} is '{_short(own)}', and the reader read {theirs} in its place"
    return (
        f"{trip.file_name}: the rows read and the file's own rows part at row {found[0] if found else len(ends)} "
        f"({counts}): {where}. Nothing was imported; please send the file to the dashboard's team."
    )


def _squeezed(values) -> str:
    return re.sub(r'[\s"]', "", "".join(v or "" for v in values))


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
