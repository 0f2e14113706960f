"""Stage 2, finding the header: which worksheet holds the export, how its fields are separated, which row names
its columns, and the rows below it to know the columns by.

A header may sit below a title block, report parameters and blank lines; a workbook may open on a title sheet.
Every worksheet, delimiter and row among the first forty is scored by how many of our columns its cells name
(bsdash.ingest.names); a row of numbers and dates is data, never a header. When no row names any of our
columns, the first row with text is taken, and stage 3 knows the columns by their values alone.

Entry: `find_header(trip)`.
"""

import csv
import io
import re

from bsdash.ingest.errors import ExportError
from bsdash.ingest.kinds import Kind
from bsdash.ingest.names import match_score
from bsdash.ingest.trip import RESERVED_HEADERS, FileInfo, Header, Text, Trip

DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 40
# Rows below the header kept for knowing the columns by their values (as many as the text's first part holds).
SAMPLE_ROWS = 5_000


def find_header(trip: Trip) -> None:
    """Stage 2: choose the worksheet, delimiter and header row; keep the rows below the header as a sample."""
    assert trip.info is not None
    mapping = trip.mapping
    named = {s for sources in (mapping.columns.values() if mapping else ()) for s in sources}
    best: tuple[float, Text, int, str, list[list[str]], list[int]] | None = None
    for text in trip.texts.values():
        delimiters = (mapping.delimiter,) if mapping and mapping.delimiter else DELIMITERS
        for delimiter in delimiters if text.sheet is None else (",",):  # a worksheet is written with commas
            records, lines = _records(text.head, delimiter)
            rows = [mapping.header_row - 1] if mapping and mapping.header_row else range(HEADER_SEARCH_ROWS)
            for index in rows:
                if index >= len(records):
                    continue
                score = _header_score(records[index], trip.kind, named)
                if best is None or score > best[0]:
                    best = (score, text, index, delimiter, records, lines)
    if best is None:
        row = mapping.header_row if mapping and mapping.header_row else 1
        raise ExportError(f"{trip.file_name}: row {row} is beyond the end of the file.")
    score, text, index, delimiter, records, lines = best
    if score <= 0 and not (mapping and mapping.header_row):
        # Nothing recognisable: the first row with text is the header, and values will tell the columns.
        index = next((i for i, r in enumerate(records) if sum(1 for c in r if c.strip()) >= 2), 0)
    header_row = index + 1
    trip.header = Header(
        text=text,
        header_row=header_row,
        skip_lines=lines[index],
        delimiter=delimiter,
        headers=_unique_headers(records[index]),
        preamble=[",".join(cell for cell in r if cell) for r in records[:index] if any(c.strip() for c in r)],
        rows=[r for r in records[index + 1 :] if any(c.strip() for c in r)],
        blank_rows=_blank_rows_among_data(trip.info, text, header_row),
    )
    trip.report.file_type = trip.info.describe() + (f", sheet '{text.sheet}'" if text.sheet else "")
    trip.report.header_row = header_row
    trip.report.blank_lines = max(
        0, trip.info.blank_line_count - sum(1 for line in trip.info.blank_lines if line < header_row)
    )


def _records(head: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first records of the text, and for each the physical lines read up to its end."""
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    records, lines = [], []
    try:
        for record in reader:
            records.append([cell.strip() for cell in record])
            lines.append(reader.line_num)
            if len(records) > HEADER_SEARCH_ROWS + SAMPLE_ROWS:
                break
    except csv.Error:
        pass  # a quote left open at the end of the sample: what was read is enough
    return records, lines


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
    mapped = sum(1 for cell in cells if cell.lower() in {n.lower() for n in named})
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


def _blank_rows_among_data(info: FileInfo, text: Text, header_line: int) -> list[int]:
    """Spreadsheet rows of the blank lines between the header and the last row, which DuckDB skips.

    Only these shift the numbers of the rows after them; blank lines at the end of the file do not. Locating
    them exactly (a quoted value may span lines) needs a full parse, so it runs only when there are some.
    """
    if info.container == "xlsx":
        return [r for r in text.blank_rows if r > header_line]
    inner = [line for line in info.blank_lines if header_line < line < info.last_content_line]
    if not inner and info.encoding != "utf-16":  # UTF-16 text was not scanned byte by byte: always look
        return []
    import gzip

    opener = gzip.open if text.compression == "gzip" else open
    rows = []
    with opener(text.path, "rt", encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.reader(handle), start=1):
            if not record and number > header_line:
                rows.append(number)
    return rows
