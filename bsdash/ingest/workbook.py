"""An Excel workbook's worksheets as UTF-8 CSV texts, one per sheet, for stage 2 to choose the export's.

A worksheet's declared size is not trusted: one stray cell at XFD1048576 would make every row 16,384 cells wide
and a million rows long. Each row is written as far as its last cell holding something, so a row whose last
cells are blank is shorter than the header, and is read padded (`Text.padded`), never as a short row. Blank
rows are written as blank lines, so that every row keeps its number.

Entry: `workbook_texts(info, folder, sheet)`.
"""

import csv
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from bsdash.ingest.errors import ExportError, said
from bsdash.ingest.trip import FileInfo, Text


def workbook_texts(info: FileInfo, folder: Path, sheet: str | None) -> dict[str | None, Text]:
    """Each worksheet as a UTF-8 CSV text (only `sheet` when the mapping file names one)."""
    import openpyxl  # slow to import, and needed only for workbooks

    try:
        workbook = openpyxl.load_workbook(info.path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ExportError(f"{info.file_name}: the Excel workbook cannot be opened ({said(error)}).") from error
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise ExportError(
                f"{info.file_name}: there is no worksheet '{sheet}'. Sheets: {', '.join(repr(n) for n in names)}."
            )
        texts: dict[str | None, Text] = {}
        for number, name in enumerate([sheet] if sheet else names):
            target = folder / f"sheet-{number}.csv"
            try:
                _sheet_to_csv(workbook[name], target)
            except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError) as error:
                raise ExportError(f"{info.file_name}: worksheet '{name}' cannot be read ({said(error)}).") from error
            texts[name] = Text(target, "none", sheet=name, padded=True)
    finally:
        workbook.close()
    if not texts:
        raise ExportError(f"{info.file_name}: the Excel workbook has no worksheet.")
    return texts


def _sheet_to_csv(worksheet, target: Path) -> None:
    """Write a worksheet as CSV, each row up to its last cell holding something, blank rows as blank lines."""
    if hasattr(worksheet, "reset_dimensions"):  # a chart sheet has none
        worksheet.reset_dimensions()
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        if not hasattr(worksheet, "iter_rows"):
            return
        blank = 0  # blank rows not yet written (written together: a sheet may have a million)
        for row in worksheet.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in row] if row else []
            while cells and cells[-1] == "":
                cells.pop()
            if not cells:
                blank += 1
                continue
            out.write("\n" * blank)
            blank = 0
            writer.writerow(cells)
        out.write("\n" * blank)


def _cell_text(value: object) -> str:
    """A cell as an export would have written it: UK dates, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y" if value.time() == time(0) else "%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # As Excel shows it, to 15 significant digits: a sum stored as 0.30000000000000004 is the 0.3 its
        # author saw, and reads as 0.30 of a pound rather than as more decimals than pence.
        return format(Decimal(f"{value:.15g}"), "f")
    return str(value)
