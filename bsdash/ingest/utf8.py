"""A CSV file's text as DuckDB reads it: the file itself when it is clean UTF-8, otherwise a UTF-8 copy.

The copy is decoded as stage 1 found: Windows-1252 or UTF-16 throughout, or UTF-8 with stray bytes, where the
encoding is decided character by character: what is UTF-8 is read as UTF-8, and each byte that is not (a
Windows-1252 "é" typed into a UTF-8 file) is read as Windows-1252 and named in the report with its row. The
rest of the file keeps its text. A carriage return alone among lines ending in line feeds ends a line, as a
spreadsheet reads it, and every line end is made a line feed (DuckDB reads one kind per file); NUL bytes, which
no export means, are removed. What was done is said in the report.

Entry: `utf8_text(info, folder)`.
"""

import codecs
import gzip
import re
from pathlib import Path

from bsdash.formatting import counted
from bsdash.ingest.errors import ExportError
from bsdash.ingest.trip import ENCODINGS, FileInfo, Repair, Text

CHUNK = 1 << 22
# The repaired characters located in their rows (the report names the first few, and counts the rest).
REPAIRS_LOCATED = 20
_BARE_CR = re.compile("\r(?!\n)")
_LINE_END = re.compile("\r\n?")
# Marks a character read as Windows-1252 in a UTF-8 text, until its place is noted (a noncharacter: never text).
STRAY = "\U0010fffe"


def utf8_text(info: FileInfo, folder: Path) -> Text:
    """The file itself when it is clean UTF-8 (compressed or not), otherwise a UTF-8 copy in `folder`."""
    compression = "gzip" if info.container == "gzip" else "none"
    if not info.needs_copy:
        return Text(info.path, compression, newline=info.newline)
    target = folder / "text.csv"
    opener = gzip.open if compression == "gzip" else open
    copy = _Copy(info)
    try:
        with opener(info.path, "rb") as raw, target.open("wb") as out:
            for chunk in iter(lambda: raw.read(CHUNK), b""):
                out.write(copy.convert(chunk))
            out.write(copy.convert(b"", final=True))
    except UnicodeDecodeError as error:
        raise ExportError(
            f"{info.file_name}: the text cannot be read as {ENCODINGS[info.encoding]} ({error.reason} at byte "
            f"{copy.read + error.start:,})."
        ) from error
    return Text(target, "none", newline=info.newline, repairs=copy.repairs, repaired=copy.repaired, notes=copy.notes())


class _Copy:
    """Chunk by chunk, the file's bytes as UTF-8 text with its line ends and NULs seen to."""

    def __init__(self, info: FileInfo):
        self.info = info
        if info.encoding == "utf-8":  # with stray bytes: per character
            self.decoder = codecs.getincrementaldecoder("utf-8")(errors="bsdash-utf8-or-cp1252")
        elif info.encoding == "windows-1252":
            self.decoder = codecs.getincrementaldecoder("windows-1252")(errors="bsdash-cp1252")
        else:
            self.decoder = codecs.getincrementaldecoder(info.encoding)()
        self.held_cr = False  # a chunk's text ended in a CR, whose LF may start the next
        self.read = 0
        self.written = 0
        self.repairs: list[Repair] = []
        self.repaired = 0
        self.line_feeds = False
        self.bare_cr = 0
        self.nul = 0

    def convert(self, chunk: bytes, *, final: bool = False) -> bytes:
        text = self.decoder.decode(chunk, final)
        self.read += len(chunk)
        if self.held_cr:
            text = "\r" + text
        self.held_cr = text.endswith("\r") and not final
        if self.held_cr:
            text = text[:-1]
        if "\x00" in text:
            self.nul += text.count("\x00")
            text = text.replace("\x00", "")
        self.line_feeds = self.line_feeds or "\n" in text
        if "\r" in text and self.info.newline == b"\n":  # one line end throughout: LF (a CR alone ends a line)
            if self.line_feeds:
                self.bare_cr += len(_BARE_CR.findall(text))
            text = _LINE_END.sub("\n", text)
        if STRAY in text:
            text = self._note_repairs(text)
        data = text.encode("utf-8")
        self.written += len(data)
        return data

    def _note_repairs(self, text: str) -> str:
        """Take the marks off the characters read as Windows-1252, keeping the places of the first few."""
        self.repaired += text.count(STRAY)
        for mark in re.finditer(STRAY, text):
            if len(self.repairs) >= REPAIRS_LOCATED:
                break
            offset = self.written + len(text[: mark.start()].replace(STRAY, "").encode("utf-8"))
            self.repairs.append(Repair(offset, text[mark.end()]))
        return text.replace(STRAY, "")

    def notes(self) -> list[str]:
        notes = []
        if self.bare_cr:
            notes.append(
                f"{counted(self.bare_cr, 'carriage return')} alone (without a line feed) read as line ends, "
                "as a spreadsheet reads them"
            )
        if self.nul:
            notes.append(f"{counted(self.nul, 'NUL character')} removed (no export means them)")
        return notes


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Windows-1252 leaves five bytes undefined; read those as Latin-1, as Windows itself does."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


def _utf8_or_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8 in a UTF-8 text: read as Windows-1252, marked to be named in the report."""
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    return "".join(STRAY + bytes([b]).decode("windows-1252", "bsdash-cp1252") for b in stray), error.end


codecs.register_error("bsdash-cp1252", _cp1252_or_latin1)
codecs.register_error("bsdash-utf8-or-cp1252", _utf8_or_cp1252)
