"""Stage 1, reading the bytes: what the file is, its SHA-256, its encoding, and its text as UTF-8 CSV.

Exports arrive as CSV in UTF-8 (with or without a byte-order mark), Windows-1252 or UTF-16 (with or without a
byte-order mark), as gzip-compressed CSV (`.csv.gz`), or as Excel workbooks (`.xlsx`). The file is read once
to hash it, tell what it is, and gather what decides how its text is read: whether it is UTF-8 (and if not,
whether it is UTF-8 with a few stray bytes or Windows-1252 throughout), what ends its lines, whether it holds
NUL bytes. A file imported before (the same bytes) ends its trip here. Its text is then given to DuckDB as it
is when it is clean UTF-8 (compressed or not), otherwise as a UTF-8 copy (bsdash.ingest.utf8); each worksheet
of a workbook becomes a text of its own (bsdash.ingest.workbook), for stage 2 to choose the one that holds the
export.

Entry: `read_bytes(trip)`.
"""

import codecs
import gzip
import hashlib
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from bsdash.formatting import counted
from bsdash.ingest.errors import ExportError
from bsdash.ingest.trip import ENCODINGS, FileInfo, Trip
from bsdash.ingest.utf8 import utf8_text
from bsdash.ingest.workbook import workbook_texts
from bsdash.store.db import first_row

CHUNK = 1 << 22
# A character of UTF-8 text beyond ASCII that is not the replacement character: proof of real UTF-8.
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\ufffd]")
# A text whose first bytes hold more NULs or control characters than this is a binary file.
_BINARY_NUL_SHARE = 0.01
_BINARY_CONTROL_SHARE = 0.05


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
    trip.folder = Path(trip.cleanup.enter_context(tempfile.TemporaryDirectory(prefix="bsdash-")))
    if info.container == "xlsx":
        trip.texts = workbook_texts(info, trip.folder, trip.mapping.sheet if trip.mapping else None)
    else:
        trip.texts = {None: utf8_text(info, trip.folder)}


def _inspect_file(path: Path, file_name: str | None = None, *, encoding: str | None = None) -> FileInfo:
    """Hash the file and find out what it is; raise ExportError for a file that holds no readable export."""
    path = Path(path)
    name = file_name or path.name
    if not path.is_file():
        raise ExportError(f"{path}: no such file.")
    with path.open("rb") as handle:
        start = handle.read(1024)
    if start.startswith(b"\x1f\x8b"):
        return _inspect_gzip(path, name, encoding)
    if start.startswith(b"PK\x03\x04"):
        return _inspect_zip(path, name)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(f"{name}: this is an old Excel workbook (.xls): save it as .xlsx or CSV and import that.")
    if b"%PDF-" in start:  # a PDF may have a few bytes before its header
        raise ExportError(f"{name}: this is a PDF document, not an export: ask for the CSV or Excel file instead.")
    scan = _Scan(encoding)
    for chunk in _chunks(path, "none"):
        scan.feed(chunk)
    return scan.finish(path, name, "text")


def _inspect_gzip(path: Path, name: str, encoding: str | None) -> FileInfo:
    digest = hashlib.sha256()
    for chunk in _chunks(path, "none"):
        digest.update(chunk)
    scan = _Scan(encoding)
    try:
        for chunk in _chunks(path, "gzip"):
            scan.feed(chunk, hash_it=False)
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise ExportError(f"{name}: the gzip file is damaged ({error}).") from error
    if scan.size and scan.first.startswith((b"\x1f\x8b", b"PK\x03\x04")):
        raise ExportError(f"{name}: the gzip file holds another compressed file: unpack it and import the file inside.")
    info = scan.finish(path, name, "gzip")
    info.sha256 = digest.hexdigest()
    return info


def _chunks(path: Path, compression: str) -> Iterator[bytes]:
    opener = gzip.open if compression == "gzip" else open
    with opener(path, "rb") as handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


def _inspect_zip(path: Path, name: str) -> FileInfo:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ExportError(f"{name}: this is a zip or Excel workbook, but it is damaged ({error}).") from error
    if "content.xml" in members and "mimetype" in members:
        raise ExportError(
            f"{name}: this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and import that "
            "(the Home Office workforce tables have their own reader: python -m bsdash workforce)."
        )
    if "xl/workbook.xml" not in members:
        raise ExportError(f"{name}: this is a zip archive, not an export: unzip it and import the file inside.")
    digest = hashlib.sha256()
    for chunk in _chunks(path, "none"):
        digest.update(chunk)
    return FileInfo(path=path, file_name=name, sha256=digest.hexdigest(), container="xlsx", encoding="")


class _Scan:
    """One pass over the bytes: the hash, and what decides how the text is read."""

    def __init__(self, encoding: str | None):
        self.digest = hashlib.sha256()
        self.forced = _encoding_name(encoding) if encoding else None
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.utf8 = True  # no byte so far that is not UTF-8
        self.beyond_ascii = False  # some valid UTF-8 beyond ASCII (so a stray byte is a stray byte)
        self.not_utf8 = 0
        self.first = b""
        self.size = 0
        self.line_feeds = 0
        self.cr = 0
        self.crlf = 0
        self.nul = 0
        self.ends_with_cr = False

    def feed(self, chunk: bytes, *, hash_it: bool = True) -> None:
        if hash_it:
            self.digest.update(chunk)
        if self.size == 0:
            self.first = chunk[:4096]
        self._check_utf8(chunk)
        self.line_feeds += chunk.count(b"\n")
        if b"\r" in chunk:
            self.cr += chunk.count(b"\r")
            self.crlf += chunk.count(b"\r\n")
        if self.ends_with_cr and chunk.startswith(b"\n"):
            self.crlf += 1
        if b"\x00" in chunk:
            self.nul += chunk.count(b"\x00")
        self.ends_with_cr = chunk.endswith(b"\r")
        self.size += len(chunk)

    def _check_utf8(self, chunk: bytes) -> None:
        """Is the text UTF-8, and if not, is it UTF-8 with stray bytes (it holds valid UTF-8 beyond ASCII)?"""
        if chunk.isascii() and not self.decoder.getstate()[0]:
            return
        if self.utf8:
            try:
                text = self.decoder.decode(chunk)
            except UnicodeDecodeError:
                self.utf8 = False
                self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            else:
                self.beyond_ascii = self.beyond_ascii or not text.isascii()
                return
        text = self.decoder.decode(chunk)
        self.not_utf8 += text.count("\ufffd")
        self.beyond_ascii = self.beyond_ascii or bool(_UTF8_BEYOND_ASCII.search(text))

    def finish(self, path: Path, name: str, container: str) -> FileInfo:
        if self.size == 0 or not self.first.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
            raise ExportError(f"{name}: the file is empty.")
        if self.utf8:
            try:
                self.decoder.decode(b"", final=True)
            except UnicodeDecodeError:  # the file ends half way through a character
                self.utf8 = False
                self.not_utf8 += 1
        encoding, has_bom = self._encoding(name)
        note = ""
        if self.forced and encoding.startswith(self.forced):
            note = "as the mapping file says"
        elif encoding == "windows-1252":
            note = "the file is not UTF-8"
        elif encoding.startswith("utf-16") and not has_bom:
            note = "without a byte-order mark"
        elif encoding == "utf-8" and self.not_utf8:
            note = f"{counted(self.not_utf8, 'byte')} not UTF-8, each read as Windows-1252"
        utf16 = encoding.startswith("utf-16")
        return FileInfo(
            path=path,
            file_name=name,
            sha256=self.digest.hexdigest(),
            container=container,
            encoding=encoding,
            has_bom=has_bom,
            encoding_note=note,
            # Line ends and NULs of UTF-16 are found in its decoded text (bsdash.ingest.utf8).
            newline=b"\r" if self.cr and not self.line_feeds and not utf16 else b"\n",
            bare_cr=0 if utf16 or not self.line_feeds else self.cr - self.crlf,
            mixed_line_ends=not utf16 and 0 < self.crlf < self.line_feeds,
            nul=0 if utf16 else self.nul,
            not_utf8=self.not_utf8 if encoding == "utf-8" else 0,
        )

    def _encoding(self, name: str) -> tuple[str, bool]:
        first = self.first
        if first.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16", True
        order = _utf16_order(first)
        if order or self.forced == "utf-16":
            return f"utf-16-{order or 'le'}", False
        if _is_binary(first):
            raise ExportError(f"{name}: this is a binary file, not a CSV text file or Excel workbook.")
        has_bom = first.startswith(codecs.BOM_UTF8)
        if self.forced:
            return self.forced, has_bom
        if self.utf8 or self.beyond_ascii:  # UTF-8, perhaps with a few stray bytes read one by one
            return "utf-8", has_bom
        return "windows-1252", False


def _utf16_order(first: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: most of its ASCII characters' other byte is zero."""
    sample = first[: len(first) // 2 * 2][:4096]
    if len(sample) < 8:
        return None
    odd, even = sample[1::2], sample[0::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        return "le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "be"
    return None


def _is_binary(sample: bytes) -> bool:
    """Many NULs or control characters: not a text. A few stray NULs in a text are removed instead."""
    if sample.count(0) > _BINARY_NUL_SHARE * len(sample):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 13))
    return controls > _BINARY_CONTROL_SHARE * len(sample)


def _encoding_name(encoding: str) -> str:
    """A mapping file's encoding, in the names Python knows."""
    key = encoding.strip().lower().replace("_", "-")
    aliases = {"utf8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "latin-1": "windows-1252"}
    key = aliases.get(key, "windows-1252" if key in ("iso-8859-1", "latin1", "ansi") else key)
    key = "utf-16" if key in ("utf16", "utf-16-le", "utf-16-be", "ucs-2") else key
    if key not in ENCODINGS:
        raise ExportError(f"Unknown encoding '{encoding}'. Accepted: utf-8, windows-1252, utf-16.")
    return key
