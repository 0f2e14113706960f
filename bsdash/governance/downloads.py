"""Files that leave the dashboard: CSV and Excel made safe to open and marked OFFICIAL.

Every download goes through here (bsdash.ui.components calls these), so no page can forget either rule:

- A text cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab, a carriage return
  or a line feed, also after leading spaces, non-breaking or zero-width spaces and other invisible characters,
  and with the full-width ＝＋－＠ as well) is neutralised: in CSV it gains a leading apostrophe
  (`'=HYPERLINK(...)`), so Excel and LibreOffice show it as text; in Excel it is written as a text cell with
  Excel's own "quote prefix", so it shows exactly as it is and stays text even when edited. Numbers stay
  numbers: a credit of -12.50 is a number, not text.
- Control characters (NUL, ESC, VT, ...) cannot be held by an Excel cell: they are removed from it, and a note
  on the cell says which and how many.
- The marking: a CSV's first line is `OFFICIAL`, above the headers. An Excel sheet has `OFFICIAL` in its first
  row, above the headers, in its printed header and footer, and as the workbook's category.
- The context, under the marking: what the table is, the period and filters, how far each dataset reaches and
  when (and by whom) the file was made, one line each, then a blank line above the headers; in Excel the same
  rows, and the workbook's description. A Parquet file (the data explorer's large extracts) carries the marking
  and the context in its metadata.
"""

import csv
import io
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd

MARKING = "OFFICIAL"
# What a formula starts with, once a character is read as its plain form (NFKC: the full-width ＝ is =).
FORMULA_STARTS = ("=", "+", "-", "@")
# Starts that are dangerous in themselves: a spreadsheet may read a cell from the character after them.
BREAKING_STARTS = ("\t", "\r", "\n")
# What Excel's file format cannot hold in a cell (XML 1.0 allows tab, line feed and carriage return only).
EXCEL_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 11: "VT", 12: "FF", 27: "ESC"}


def is_formula_like(text: str) -> bool:
    """A text a spreadsheet could run: a formula sign first, or after any invisible lead-in."""
    if text.startswith(BREAKING_STARTS):
        return True
    first = next((ch for ch in text if not _invisible(ch)), "")
    return unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS)


def _invisible(ch: str) -> bool:
    """Whitespace of any kind (spaces, tabs, line ends, non-breaking and ideographic spaces) and the characters
    that show nothing at all (zero-width spaces and joiners, byte-order marks, direction marks, controls)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def neutralise(value: object) -> object:
    """A text value a spreadsheet would run, made plain text; anything else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if not (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))
    ]


def csv_bytes(table: pd.DataFrame, marking: str = MARKING, context: list[str] | None = None) -> bytes:
    """The table as CSV: the marking line, the context lines and a blank line (when given), the headers, then the
    rows (money to the penny, dates dd/mm/yyyy).

    UTF-8 with a byte-order mark, so that Excel reads £ correctly. Lines end in CR LF (RFC 4180, as Excel writes
    them): a cell holding a lone carriage return or line feed is then quoted, which with a bare LF ending it
    would not be, breaking the row in two.
    """
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            has_time = not (series.dropna().dt.normalize() == series.dropna()).all()
            out[column] = series.dt.strftime("%d/%m/%Y %H:%M" if has_time else "%d/%m/%Y")
        elif pd.api.types.is_float_dtype(series):
            out[column] = series.round(2)
    for column in _text_columns(out):
        out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([marking])
    if context:
        writer.writerows([neutralise(line)] for line in [*context, ""])
    out.to_csv(text, index=False, lineterminator="\r\n")
    return text.getvalue().encode("utf-8-sig")


def excel_bytes(
    table: pd.DataFrame, sheet: str = "Data", marking: str = MARKING, context: list[str] | None = None
) -> bytes:
    """The table as an Excel workbook: the marking in row 1, the context lines and a blank row under it (when
    given), then the headers and the rows, nothing run as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    book.properties.category = marking
    book.properties.title = sheet
    if context:
        book.properties.description = "\n".join(context)
    worksheet = book.create_sheet(_sheet_name(sheet))
    worksheet.oddHeader.center.text = marking
    worksheet.oddFooter.center.text = marking
    header_row = 2 + (len(context) + 1 if context else 0)
    worksheet.freeze_panes = f"A{header_row + 1}"
    bold = Font(bold=True)

    def text_cell(value: str, font: Font | None = None) -> WriteOnlyCell:
        kept, removed = excel_text(value)
        cell = WriteOnlyCell(worksheet, kept)
        cell.data_type = "s"  # openpyxl would otherwise write "=..." as a formula
        if is_formula_like(value):
            cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
        if removed:
            cell.comment = Comment(removed, "bsdash")
        if font is not None:
            cell.font = font
        return cell

    worksheet.append([text_cell(marking, bold)])
    for line in [*context, ""] if context else []:
        worksheet.append([text_cell(line)])
    worksheet.append([text_cell(str(c), bold) for c in table.columns])
    formats = {c: _number_format(table[c]) for c in table.columns}
    for row in table.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            value = _plain(value)
            if isinstance(value, str):
                cells.append(text_cell(value))
            else:
                cell = WriteOnlyCell(worksheet, value)
                if formats[column] and value is not None:
                    cell.number_format = formats[column]
                cells.append(cell)
        worksheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_text(value: str) -> tuple[str, str | None]:
    """The text an Excel cell can hold, and a note saying what was removed from it (None when nothing was)."""
    found = EXCEL_ILLEGAL.findall(value)
    if not found:
        return value, None
    names = ", ".join(dict.fromkeys(_CONTROL_NAMES.get(ord(ch), f"U+{ord(ch):04X}") for ch in found))
    count = f"{len(found)} control character{'s' if len(found) > 1 else ''}"
    return EXCEL_ILLEGAL.sub("", value), f"{count} ({names}) removed from this cell: Excel cannot hold them."


def parquet_bytes(table: pd.DataFrame, marking: str = MARKING, context: list[str] | None = None) -> bytes:
    """The table as Parquet, for extracts too large for a spreadsheet: the marking and the context in the file's
    metadata (`marking`, `context`), the columns with their types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    metadata = {
        **(arrow.schema.metadata or {}),
        b"marking": marking.encode(),
        b"context": "\n".join(context or []).encode(),
    }
    buffer = io.BytesIO()
    pq.write_table(arrow.replace_schema_metadata(metadata), buffer)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Data"
    return cleaned[:31]


def _number_format(series: pd.Series) -> str | None:
    if pd.api.types.is_datetime64_any_dtype(series):
        has_time = not (series.dropna().dt.normalize() == series.dropna()).all()
        return "dd/mm/yyyy hh:mm" if has_time else "dd/mm/yyyy"
    if series.dtype == object and any(isinstance(v, date) for v in series.dropna().head(20)):
        return "dd/mm/yyyy"
    return None


def _plain(value: object) -> object:
    """A value openpyxl writes as itself: Python numbers, datetimes and text; missing values left empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | Decimal):
        return float(value)  # money stays a number a spreadsheet can add up
    if isinstance(value, date | bool | int | float | str):
        return value
    return str(value)


def context_lines(
    what: str, filters: str, dates: list[str], made: datetime, who: str, sources: list[str] | None = None
) -> list[str]:
    """The lines a file carries under its marking: what it is, its period and filters, the data's as-at dates
    and when it was made."""
    lines = [what]
    if sources:
        lines.append("From the named queries: " + ", ".join(sources))
    lines += [
        f"Period and filters: {filters}",
        "Data as at: " + "; ".join(dates),
        f"Made on {made:%d/%m/%Y at %H:%M} by {who}",
    ]
    return lines
