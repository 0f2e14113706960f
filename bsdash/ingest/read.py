"""Stage 1, reading the bytes: what the file is, its SHA-256, its encoding, and its text as UTF-8 CSV.

Exports arrive as CSV in UTF-8 (with or without a byte-order mark), Windows-1252 or UTF-16, as gzip-compressed
CSV (`.csv.gz`), or as Excel workbooks (`.xlsx`). The file is read once to hash it, tell what it is, check its
encoding and note its blank lines; a file imported before (the same bytes) ends its trip here. Its text is then
given to DuckDB as it is when it is UTF-8 already (compressed or not), otherwise as a UTF-8 copy in a temporary
folder (removed when the trip ends); each worksheet of a workbook becomes a text of its own, for stage 2 to
choose the one that holds the export.

Entry: `read_bytes(trip)`.
"""

import codecs
import csv
import gzip
import hashlib
import io
import re
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from bsdash.ingest.errors import ExportError
from bsdash.ingest.trip import ENCODINGS, FileInfo, Text, Trip
from bsdash.store.db import first_row

CHUNK = 1 << 20
HEAD_CHARS = 1 << 18  # enough text to find the header below any preamble and to know the columns by their values
# Blank lines are skipped by the CSV reader; they are counted, and located only when they sit among the rows.
_BLANK_LINE = re.compile(rb"\n(?=\r?\n)")
_MAX_BLANKS_LOCATED = 10_000


def read_bytes(trip: Trip) -> None:
    """Stage 1: hash and identify the file, stop if the same bytes were imported before, give its text."""
    trip.progress(0.0, f"Reading {trip.file_name}")
    encoding = trip.mapping.encoding if trip.mapping else None
    info = _inspect_file(trip.path, trip.file_name, encoding=encoding)
    trip.info = info
    trip.report.sha256 = info.sha256
    if trip.con is not None and not trip.force:
        earlier = first_row(
            trip.con,
            "select import_id, file_name, imported_at from imports where sha256 = $sha and kind = $kind "
            "order by import_id limit 1",
            {"sha": info.sha256, "kind": trip.kind.name},
        )
        if earlier:
            trip.stop = (
                f"same content as {earlier[1]}, imported {earlier[2]:%d/%m/%Y %H:%M} (import #{earlier[0]}); "
                "nothing to add"
            )
            return
    folder = Path(trip.cleanup.enter_context(tempfile.TemporaryDirectory(prefix="bsdash-")))
    if info.container == "xlsx":
        trip.texts = _workbook_texts(info, folder, trip.mapping.sheet if trip.mapping else None)
    else:
        trip.texts = {None: _utf8_text(info, folder)}


def _inspect_file(path: Path, file_name: str | None = None, *, encoding: str | None = None) -> FileInfo:
    """Hash the file and find out what it is; raise ExportError for a file that holds no readable export."""
    path = Path(path)
    name = file_name or path.name
    if not path.is_file():
        raise ExportError(f"{path}: no such file.")
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(b"\x1f\x8b"):
        return _inspect_gzip(path, name, encoding)
    if start.startswith(b"PK\x03\x04"):
        return _inspect_zip(path, name)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(f"{name}: this is an old Excel workbook (.xls): save it as .xlsx or CSV and import that.")
    if start.startswith(b"%PDF"):
        raise ExportError(f"{name}: this is a PDF document, not an export: ask for the CSV or Excel file instead.")
    scan = _Scan(encoding)
    for chunk in _chunks(path, "none"):
        scan.feed(chunk)
    return _numbered(scan.finish(path, name, "text"), scan, "none")


def _inspect_gzip(path: Path, name: str, encoding: str | None) -> FileInfo:
    digest = hashlib.sha256()
    for chunk in _chunks(path, "none"):
        digest.update(chunk)
    scan = _Scan(encoding)
    try:
        for chunk in _chunks(path, "gzip"):
            scan.feed(chunk, hash_it=False)
    except (OSError, EOFError) as error:
        raise ExportError(f"{name}: the gzip file is damaged ({error}).") from error
    info = scan.finish(path, name, "gzip")
    info.sha256 = digest.hexdigest()
    return _numbered(info, scan, "gzip")


def _chunks(path: Path, compression: str) -> Iterator[bytes]:
    opener = gzip.open if compression == "gzip" else open
    with opener(path, "rb") as handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


def _numbered(info: FileInfo, scan: "_Scan", compression: str) -> FileInfo:
    """Number the blank lines found, which needs a second pass; most files have none."""
    if scan.blank_offsets and info.encoding != "utf-16":
        info.blank_lines, info.last_content_line = scan.line_numbers(_chunks(info.path, compression))
    return info


def _inspect_zip(path: Path, name: str) -> FileInfo:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
    except zipfile.BadZipFile as error:
        raise ExportError(f"{name}: this is a zip or Excel workbook, but it is damaged ({error}).") from error
    if "content.xml" in members and "mimetype" in members:
        raise ExportError(
            f"{name}: this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and import that "
            "(the Home Office workforce tables have their own reader: python -m bsdash workforce)."
        )
    if "xl/workbook.xml" not in members:
        raise ExportError(f"{name}: this is a zip archive, not an export: unzip it and import the file inside.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return FileInfo(path=path, file_name=name, sha256=digest, container="xlsx", encoding="")


class _Scan:
    """One pass over the bytes: hash, encoding check, blank lines (by byte offset, numbered later if any)."""

    def __init__(self, encoding: str | None):
        self.digest = hashlib.sha256()
        self.forced = _encoding_name(encoding) if encoding else None
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.utf8 = True
        self.first = b""
        self.size = 0
        self.last_content = 0
        self.blank_offsets: list[int] = []
        self.blank_count = 0
        self.ends_with_newline = False

    def feed(self, chunk: bytes, *, hash_it: bool = True) -> None:
        if hash_it:
            self.digest.update(chunk)
        if self.size == 0:
            self.first = chunk[:4096]
        if self.utf8:
            try:
                self.decoder.decode(chunk)
            except UnicodeDecodeError:
                self.utf8 = False
        # A blank line: a newline followed by an empty line, within the chunk or across its start.
        if self.ends_with_newline and chunk.startswith((b"\n", b"\r\n")):
            self._blank(self.size - 1)
        if _BLANK_LINE.search(chunk):
            for match in _BLANK_LINE.finditer(chunk):
                self._blank(self.size + match.start())
        stripped = chunk.rstrip()
        if stripped:
            self.last_content = self.size + len(stripped)
        self.size += len(chunk)
        self.ends_with_newline = chunk.endswith(b"\n")

    def _blank(self, newline_offset: int) -> None:
        self.blank_count += 1
        if len(self.blank_offsets) < _MAX_BLANKS_LOCATED:
            self.blank_offsets.append(newline_offset)

    def line_numbers(self, chunks: Iterator[bytes]) -> tuple[list[int], int]:
        """The blank lines' numbers and the last content line's, counting newlines again (only when needed)."""
        wanted = sorted({*self.blank_offsets, self.last_content})
        line_of: dict[int, int] = {}
        lines, offset, i = 0, 0, 0
        for chunk in chunks:
            end = offset + len(chunk)
            while i < len(wanted) and wanted[i] < end:
                line_of[wanted[i]] = lines + chunk.count(b"\n", 0, wanted[i] - offset) + 1
                i += 1
            lines += chunk.count(b"\n")
            offset = end
        for rest in wanted[i:]:
            line_of[rest] = lines + 1
        # A blank line follows the newline found, so it is one line further.
        return [line_of[o] + 1 for o in self.blank_offsets], line_of[self.last_content]

    def finish(self, path: Path, name: str, container: str) -> FileInfo:
        if self.size == 0 or not self.first.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            raise ExportError(f"{name}: the file is empty.")
        encoding, has_bom = self._encoding(name)
        note = ""
        if self.forced and encoding == self.forced:
            note = "as the mapping file says"
        elif encoding == "windows-1252":
            note = "the file is not UTF-8"
        return FileInfo(
            path=path,
            file_name=name,
            sha256=self.digest.hexdigest(),
            container=container,
            encoding=encoding,
            has_bom=has_bom,
            encoding_note=note,
            blank_line_count=self.blank_count if encoding != "utf-16" else 0,
        )

    def _encoding(self, name: str) -> tuple[str, bool]:
        first = self.first
        if first.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(first):
            return "utf-16", first.startswith((b"\xff\xfe", b"\xfe\xff"))
        if b"\x00" in first:
            raise ExportError(f"{name}: this is a binary file, not a CSV text file or Excel workbook.")
        has_bom = first.startswith(codecs.BOM_UTF8)
        if self.forced:
            return self.forced, has_bom
        try:
            self.decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            self.utf8 = False
        if self.utf8:
            return "utf-8", has_bom
        if _control_share(first) > 0.05:
            raise ExportError(f"{name}: this is a binary file, not a CSV text file or Excel workbook.")
        return "windows-1252", False


def _looks_utf16(first: bytes) -> bool:
    """UTF-16 text without a byte-order mark: every other byte of ASCII text is zero."""
    sample = first[:512]
    if len(sample) < 8:
        return False
    odd, even = sample[1::2], sample[0::2]
    return (odd.count(0) > 0.9 * len(odd) and even.count(0) == 0) or (
        even.count(0) > 0.9 * len(even) and odd.count(0) == 0
    )


def _control_share(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def _encoding_name(encoding: str) -> str:
    """A mapping file's encoding, in the names Python knows."""
    key = encoding.strip().lower().replace("_", "-")
    aliases = {"utf8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "latin-1": "windows-1252"}
    key = aliases.get(key, "windows-1252" if key in ("iso-8859-1", "latin1", "ansi") else key)
    if key not in ENCODINGS:
        raise ExportError(f"Unknown encoding '{encoding}'. Accepted: utf-8, windows-1252, utf-16.")
    return key


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Windows-1252 leaves five bytes undefined; read those as Latin-1, as Windows itself does."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("bsdash-cp1252", _cp1252_or_latin1)


def _utf8_text(info: FileInfo, folder: Path) -> Text:
    """The file itself when it is UTF-8 already (compressed or not), otherwise a UTF-8 copy in `folder`."""
    compression = "gzip" if info.container == "gzip" else "none"
    if info.encoding == "utf-8":
        return Text(info.path, compression, *_head(info.path, compression))
    target = folder / "text.csv"
    opener = gzip.open if compression == "gzip" else open
    errors = "bsdash-cp1252" if info.encoding == "windows-1252" else "strict"
    try:
        with opener(info.path, "rb") as raw, target.open("w", encoding="utf-8", newline="") as out:
            reader = io.TextIOWrapper(raw, encoding=info.encoding, errors=errors, newline="")
            for block in iter(lambda: reader.read(CHUNK), ""):
                out.write(block)
    except UnicodeDecodeError as error:
        raise ExportError(
            f"{info.file_name}: the text cannot be read as {ENCODINGS[info.encoding]} ({error.reason})."
        ) from error
    return Text(target, "none", *_head(target, "none"))


def _head(path: Path, compression: str) -> tuple[str, bool]:
    """The first part of the text (never a line cut in half), and whether it is the whole text."""
    opener = gzip.open if compression == "gzip" else open
    with opener(path, "rb") as handle:
        raw = handle.read(HEAD_CHARS)
    complete = len(raw) < HEAD_CHARS
    text = raw.decode("utf-8", errors="replace")
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    return text.removeprefix("\ufeff"), complete


def _workbook_texts(info: FileInfo, folder: Path, sheet: str | None) -> dict[str | None, Text]:
    """Each worksheet as a UTF-8 CSV text (only `sheet` when the mapping file names one)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(info.path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ExportError(f"{info.file_name}: the Excel workbook cannot be opened ({error}).") from error
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise ExportError(
                f"{info.file_name}: there is no worksheet '{sheet}'. Sheets: {', '.join(repr(n) for n in names)}."
            )
        texts: dict[str | None, Text] = {}
        for number, name in enumerate([sheet] if sheet else names):
            target = folder / f"sheet-{number}.csv"
            blank_rows = _sheet_to_csv(workbook[name], target)
            texts[name] = Text(target, "none", *_head(target, "none"), sheet=name, blank_rows=blank_rows)
    finally:
        workbook.close()
    return texts


def _sheet_to_csv(worksheet, target: Path) -> list[int]:
    """Write a worksheet as CSV; returns the spreadsheet rows of its blank rows (written as blank lines)."""
    blank_rows = []
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            if not cells:
                out.write("\n")
                blank_rows.append(number)
            else:
                writer.writerow(cells)
    return blank_rows


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
