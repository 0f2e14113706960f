"""The file's records counted by a reading of its own, independent of the CSV reader that loads them.

A record ends at a line end outside quotes. Most lines hold no quote, or quotes in pairs, so the line ends
are found with NumPy over the bytes, and only the lines with an odd number of quotes are walked field by
field in Python, by the rules DuckDB's reader follows: a quote opens a value only at the start of a field
(after spaces), a doubled quote inside it is a quote, and the value may run over several lines.

Blank lines are records too (a spreadsheet shows them as rows; DuckDB numbers and skips them), so the scan
says where they are. Below the header, a quoted value that runs over several lines must complete a row of
the header's width: when it does not, or when the file ends inside it, its quote was left open, and the rows
below are not swallowed into it: its first line is set aside as a row of its own (to be quarantined), and
reading goes on at the next line.

A row of another width than the header's is set aside too, with its fields counted: DuckDB notes each field
missing or too many as an error of its own, which takes time (a line of five million fields never ended) and,
past some tens of thousands, its rejects table no longer holds them all. So the reader is given only rows of the
header's width, and the rows set aside are quarantined as short or long rows.

Entry: `scan_records(path, compression, ...)`.
"""

import csv
import gzip
import io
import mmap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CHUNK = 1 << 22
QUOTE = ord('"')
CR = ord("\r")
# A quoted value running over more than this is no value: its quote was left open.
MAX_RECORD_BYTES = 1 << 24
KEPT_BYTES = 5_000  # the first and the last of a row set aside that is longer than twice this
csv.field_size_limit(1 << 30)  # a record is split to be explained (`csv_fields`), however long it is


@dataclass
class RecordScan:
    """The records of a text, numbered from 1 as a spreadsheet numbers rows (blank lines included)."""

    records: int = 0
    blank: list[int] = field(default_factory=list)
    # Records over several lines: record -> its physical lines.
    spans: dict[int, int] = field(default_factory=dict)
    # Records set aside, to be quarantined as written and never given to DuckDB: a line whose quote was left open
    # (a row of its own), a row of far more fields than the header.
    set_aside: list["SetAside"] = field(default_factory=list)
    # Byte offsets asked for (`locate`) -> the record holding them.
    located: dict[int, int] = field(default_factory=dict)
    # Where each record ends (the offset after its line end), when asked for (`keep_ends`).
    ends: list[int] = field(default_factory=list)
    complete: bool = True  # the whole text was scanned (not only its head)

    def skipped(self, header_row: int) -> np.ndarray:
        """Records below the header that are no row for the reader (blank lines, records set aside), in order."""
        blank = np.asarray(self.blank, dtype=np.int64)
        blank = blank[blank > header_row]
        aside = [a.record for a in self.set_aside if a.record > header_row]
        return np.sort(np.concatenate((blank, aside))) if aside else blank  # both in order; never the same record


@dataclass(frozen=True)
class SetAside:
    """A record set aside: a line whose quoted value never closes into a row, or a row far too wide."""

    record: int
    text: str  # as written, or its first and last characters
    start: int  # its bytes in the text, line end (and a CR before it) excluded
    end: int
    fields: int | None = None  # for a row too wide: its fields (None: a quote left open)
    cut: bool = False  # `text` is its first and last characters only


def scan_records(
    path: Path,
    compression: str,
    *,
    newline: bytes = b"\n",
    delimiter: str = ",",
    header_row: int | None = None,
    width: int = 0,
    most_fields: int | None = None,
    padded: bool = False,
    locate: tuple[int, ...] = (),
    limit: int | None = None,
    keep_ends: bool = False,
) -> RecordScan:
    """Count and place the records of a UTF-8 text.

    `header_row` and `width` (the header's record and its field count) turn on the check of quoted values
    running over several lines below the header, and set aside the rows below it of another width (`padded`
    rows, a worksheet's, may be shorter); `most_fields` sets aside any record of more fields; `locate` asks
    which record holds each byte offset; `limit` scans only the text's first bytes (its head); `keep_ends`
    keeps where each record ends (always for a head).
    """
    keep_ends = keep_ends or limit is not None
    scanner = _Scanner(newline, delimiter.encode(), header_row, width, sorted(locate), keep_ends)
    scanner.padded = padded
    if most_fields is not None:  # any record of more fields than that
        scanner.least, scanner.most = 0, most_fields
    elif width:  # the records below the header: of its width, or shorter for a worksheet's padded rows
        scanner.least, scanner.most = (0 if padded else width), width
    if compression == "none" and limit is None:
        _scan_mapped(scanner, path)
    else:
        _scan_chunks(scanner, path, compression, limit)
    scan = scanner.scan
    scan.set_aside = sorted({a.record: a for a in reversed(scan.set_aside)}.values(), key=lambda a: a.record)
    return scan


def _scan_chunks(scanner: "_Scanner", path: Path, compression: str, limit: int | None) -> None:
    """A compressed text (or a head) is read in chunks, each record whole in one."""
    offset, pending = 0, b""
    chunks = _Chunks(path, compression, limit)
    for chunk in chunks:
        text = pending + chunk
        done = scanner.feed(text, np.frombuffer(text, dtype=np.uint8), 0, len(text), offset, final=False)
        offset += done
        pending = text[done:]
    if chunks.complete:
        while pending:
            done = scanner.feed(pending, np.frombuffer(pending, dtype=np.uint8), 0, len(pending), offset, final=True)
            offset += done
            pending = pending[done:]
    scanner.scan.complete = chunks.complete


def _scan_mapped(scanner: "_Scanner", path: Path) -> None:
    """An uncompressed text is mapped into memory and scanned in windows, without copying it."""
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as text:
        array = np.frombuffer(text, dtype=np.uint8)
        try:
            position, size = 0, CHUNK
            while position < len(text):
                end = min(position + size, len(text))
                done = scanner.feed(text, array, position, end, 0, final=end == len(text))
                # A record longer than the window: read it again with a wider one.
                size = CHUNK if done > position else size * 2
                position = done
        finally:
            del array  # the map cannot close while NumPy still points into it


class _Chunks:
    """The text's bytes in chunks, up to `limit`; `complete` once the end of the text was reached."""

    def __init__(self, path: Path, compression: str, limit: int | None):
        self.path, self.compression, self.limit = path, compression, limit
        self.complete = False

    def __iter__(self) -> Iterator[bytes]:
        opener = gzip.open if self.compression == "gzip" else open
        read = 0
        with opener(self.path, "rb") as handle:
            while self.limit is None or read < self.limit:
                chunk = handle.read(CHUNK if self.limit is None else min(CHUNK, self.limit - read))
                if not chunk:
                    self.complete = True
                    return
                read += len(chunk)
                yield chunk
            self.complete = not handle.read(1)


class _Scanner:
    def __init__(
        self,
        newline: bytes,
        delimiter: bytes,
        header_row: int | None,
        width: int,
        locate: list[int],
        keep_ends: bool,
    ):
        self.end_byte = newline[-1]
        self.delimiter = delimiter
        self.header_row = header_row
        self.width = width
        self.padded = False
        # Records of fewer fields than `least` or more than `most` are set aside (none when `most` is None).
        self.least, self.most = 0, None
        self.locate = locate
        self.keep_ends = keep_ends
        self.scan = RecordScan()

    def feed(self, text, array: np.ndarray, low: int, high: int, base: int, *, final: bool) -> int:
        """Count the whole records of `text[low:high]` (`text` starts at `base` in the file); return where the
        records counted end. A record not ended by `high` is left for the next call, unless `final`."""
        window = array[low:high]
        line_ends = np.flatnonzero(window == self.end_byte) + low
        is_end = np.ones(len(line_ends), dtype=bool)
        open_from = None
        quotes = np.flatnonzero(window == QUOTE) + low
        if len(quotes):
            odd = np.flatnonzero(np.diff(np.searchsorted(quotes, line_ends), prepend=0) & 1)
            after_last = len(quotes) - (np.searchsorted(quotes, line_ends[-1]) if len(line_ends) else 0)
            if after_last % 2:
                odd = np.append(odd, len(line_ends))  # the last line, with no line end yet
            open_from = self._walk_odd_lines(text, low, base, line_ends, odd, is_end, final)
        if open_from is not None:
            consumed = open_from
        elif final:
            consumed = high
        else:
            consumed = int(line_ends[-1]) + 1 if len(line_ends) else low
        ends = line_ends[: np.searchsorted(line_ends, consumed)]
        ends = ends[is_end[: len(ends)]]
        if final and consumed > low and (not len(ends) or ends[-1] + 1 < consumed):
            ends = np.append(ends, consumed)  # the last line, with no line end
        self._count(array, low, ends, base)
        if self.most is not None and len(ends):
            self._set_aside_misfits(text, array, low, ends, base, quotes)
        return consumed

    def _walk_odd_lines(
        self, text, low: int, base: int, line_ends: np.ndarray, odd: np.ndarray, is_end: np.ndarray, final: bool
    ) -> int | None:
        """Walk the records starting on lines with an odd number of quotes; a line end inside a quoted value
        is no record's end (`is_end`). Returns where a record still open at the end of the text starts."""
        inside_until = -1
        for index in odd.tolist():
            if index <= inside_until:
                continue
            start = int(line_ends[index - 1]) + 1 if index else low
            last, fields, bad = self._walk(text, start, index, line_ends, final)
            if last is None:  # the text ends inside a quoted value: more text is needed
                return start
            if last == index:  # the record ends on its own line: a quote inside a value, or a pair
                continue
            record = self.scan.records + int(np.count_nonzero(is_end[:index])) + 1
            if last == -1 or self._short_or_long(record, fields, bad):
                end = int(line_ends[index]) if index < len(line_ends) else len(text)
                self._set_aside(text, record, start, end, base)
                continue
            is_end[index:last] = False
            self.scan.spans[record] = last - index + 1
            inside_until = last
        return None

    def _walk(self, text, start: int, index: int, line_ends: np.ndarray, final: bool) -> tuple[int | None, int, bool]:
        """Walk the fields of the record starting at `start` (on line `index` of `line_ends`).

        Returns the line on which it ends (an index of `line_ends`, or its length for a last line with no line
        end; None when the text ends first and more may follow; -1 when the file ends inside a quoted value,
        or the value runs on too long), its fields, and whether a quoted value is followed by more than spaces
        before its delimiter. A value may run past the lines in `line_ends`, which are those of one window.
        """
        delimiter, position, fields, bad = self.delimiter, start, 1, False
        lines = len(line_ends)
        line = index
        end = int(line_ends[line]) if line < lines else self._line_end(text, start)
        while True:
            while position < end and text[position] in b" \t":
                position += 1
            if position < end and text[position] == QUOTE:
                position = _after_closing_quote(text, position + 1)
                if position < 0 or position - start > MAX_RECORD_BYTES:
                    if position == -1 and not final and len(text) - start <= MAX_RECORD_BYTES:
                        return None, fields, bad
                    return -1, fields, bad
                if position > end:
                    line = int(np.searchsorted(line_ends, position - 1))
                    if line < lines:
                        end = int(line_ends[line])
                    elif final:  # on the text's last line, which has no line end
                        end = len(text)
                    else:  # beyond this window's lines: read on with more text
                        return None, fields, bad
                after = text.find(delimiter, position, end)
                bad = bad or bool(bytes(text[position : end if after == -1 else after]).strip(b" \t\r"))
            else:
                after = text.find(delimiter, position, end)
            if after == -1:
                return line, fields, bad
            fields += 1
            position = after + 1

    def _set_aside(self, text, record: int, start: int, end: int, base: int, fields: int | None = None) -> None:
        """Keep a record aside (its text, and where it is, line end and a CR before it excluded)."""
        if text[end - 1 : end] == b"\r":
            end -= 1
        cut = end - start > 2 * KEPT_BYTES
        kept = (
            bytes(text[start:end])
            if not cut
            else text[start : start + KEPT_BYTES] + b" ... " + text[end - KEPT_BYTES : end]
        )
        self.scan.set_aside.append(
            SetAside(record, kept.decode("utf-8", "replace"), base + start, base + end, fields, cut)
        )

    def _set_aside_misfits(
        self, text, array: np.ndarray, low: int, ends: np.ndarray, base: int, quotes: np.ndarray
    ) -> None:
        """Set aside the records of another width than the reader is given (below the header, if it is known).

        A record's delimiters counted over the bytes, less those inside its pairs of quotes, are its fields
        when its quotes open fields, as they do in exports; a record this estimate does not fit, or whose quotes
        are odd, is walked field by field (a quote inside a value, `12" pizza`, opens nothing) before it is set
        aside.
        """
        count = len(ends)
        starts = np.concatenate(([low], ends[:-1] + 1))
        marks = np.flatnonzero(array[low : int(ends[-1]) + 1] == self.delimiter[0]) + low
        upper = np.diff(np.searchsorted(marks, ends), prepend=0) + 1
        estimate = upper
        quotes = quotes[(quotes >= low) & (quotes < ends[-1])]
        per_record = np.zeros(count, dtype=np.int64)  # quotes in each record: without any, the estimate is exact
        if len(quotes):
            owner = np.searchsorted(ends, quotes)
            per_record = np.bincount(owner, minlength=count)
            paired = (per_record % 2 == 0)[owner]
            opens, closes = quotes[paired][0::2], quotes[paired][1::2]
            inside = np.searchsorted(marks, closes) - np.searchsorted(marks, opens)
            estimate = upper - np.bincount(owner[paired][0::2], weights=inside, minlength=count).astype(np.int64)
            estimate[per_record % 2 == 1] = -1  # walked
        length = ends - starts
        blank = (length == 0) | ((length == 1) & (array[np.minimum(starts, len(array) - 1)] == CR))
        misfits = np.flatnonzero(~blank & ((estimate < self.least) | (estimate > self.most)))
        first = self.scan.records - count + 1
        for index in misfits.tolist():
            record = first + index
            if self.header_row is not None and record <= self.header_row:
                continue
            start, end = int(starts[index]), int(ends[index])
            fields = int(upper[index])
            if per_record[index] and fields <= MAX_FIELDS_COUNTED:
                fields = _field_count(text, start, end, self.delimiter)
            if not self.least <= fields <= self.most:
                self._set_aside(text, record, start, end, base, fields)

    def _line_end(self, text, start: int) -> int:
        found = text.find(bytes([self.end_byte]), start)
        return len(text) if found == -1 else found

    def _short_or_long(self, record: int, fields: int, bad: bool) -> bool:
        """A record over several lines below the header that does not make one row: its quote was left open."""
        if self.header_row is None or record <= self.header_row or not self.width:
            return False
        return bad or fields > self.width or (fields < self.width and not self.padded)

    def _count(self, array: np.ndarray, low: int, ends: np.ndarray, base: int) -> None:
        """Count the records from `low` ending at `ends` (each one's line end, or the text's end for the last)."""
        scan = self.scan
        if not len(ends):
            return
        starts = np.concatenate(([low], ends[:-1] + 1))
        length = ends - starts
        blank = length == 0
        if self.end_byte != CR:  # a CR before the line end belongs to it
            blank |= (length == 1) & (array[np.minimum(starts, len(array) - 1)] == CR)
        first = scan.records + 1
        scan.blank.extend((np.flatnonzero(blank) + first).tolist())
        if self.locate:
            here = [o - base for o in self.locate if base + low <= o <= base + int(ends[-1])]
            for where, record in zip(here, np.searchsorted(ends, here).tolist(), strict=True):
                scan.located[where + base] = first + record
        if self.keep_ends:
            scan.ends.extend((np.minimum(ends + 1, len(array)) + base).tolist())
        scan.records += len(ends)


def _after_closing_quote(text, position: int) -> int:
    """The offset after the quote closing a value opened before `position`; -1 when there is none."""
    while True:
        found = text.find(b'"', position)
        if found == -1:
            return -1
        if text[found + 1 : found + 2] != b'"':
            return found + 1
        position = found + 2


def csv_fields(text: str, delimiter: str) -> list[str]:
    """A record's fields as a CSV reader splits them (by the delimiter alone when it cannot)."""
    try:
        return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return text.split(delimiter)


MAX_FIELDS_COUNTED = 1 << 16  # a record of more delimiters than this is too wide whatever its quotes hold


def _field_count(text, start: int, end: int, delimiter: bytes) -> int:
    """The fields of the record at text[start:end], quotes and all."""
    position, fields = start, 1
    while True:
        while position < end and text[position] in b" \t":
            position += 1
        if position < end and text[position] == QUOTE:
            position = _after_closing_quote(text, position + 1)
            if position == -1 or position > end:
                return fields
        after = text.find(delimiter, position, end)
        if after == -1:
            return fields
        fields += 1
        position = after + 1
