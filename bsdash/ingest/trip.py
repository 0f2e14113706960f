"""The one object a file carries down the stages: what each stage found, for the stages after it.

Each stage reads what the stages before it left here and adds its own part; none calls another. The
database's temporary tables (`src`, `typed`, `outcome` ...) are the same trip's rows, named in the stage
that makes them.
"""

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bsdash.ingest.kinds import Column, Kind
from bsdash.ingest.kinds.model import OneOf
from bsdash.ingest.mapping import Mapping
from bsdash.ingest.report import ImportReport
from bsdash.ingest.values import Profile

Progress = Callable[[float, str], None]
# The temporary tables the stages make on the writer's connection, dropped when a trip ends however it ends.
TEMPORARY_TABLES = ("typed", "typed_events", "repeated", "decided", "outcome", "row_outcome")
TEMPORARY_PREFIXES = ("src", "labels_", "choice_", "dates_", "department_lookup", "service_lookup", "expense_lookup")
# Names the stages give their own columns beside the file's in `src` (the row's number): a file's column of
# the same name, in any case, is numbered like a repeated header ("_row (2)").
RESERVED_HEADERS = ("_row",)
ENCODINGS = {
    "utf-8": "UTF-8",
    "windows-1252": "Windows-1252",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
}


@dataclass
class FileInfo:
    """An export file as found on disk, before anything is converted (stage 1)."""

    path: Path
    file_name: str
    sha256: str
    container: str  # "text", "gzip" or "xlsx"
    encoding: str  # one of ENCODINGS ("" for workbooks)
    has_bom: bool = False
    encoding_note: str = ""  # why this encoding, when it is not the usual UTF-8
    newline: bytes = b"\n"  # b"\r" for a text whose lines end in a carriage return alone
    bare_cr: int = 0  # carriage returns alone in a text whose lines end in line feeds: read as line ends
    mixed_line_ends: bool = False  # some lines end in CR LF and others in LF alone (DuckDB reads one kind)
    nul: int = 0  # NUL bytes, which no export means: removed
    not_utf8: int = 0  # bytes of a UTF-8 text that are not UTF-8: each read as Windows-1252

    def describe(self) -> str:
        """How the file was read, for the import report."""
        if self.container == "xlsx":
            return "Excel workbook"
        text = ENCODINGS.get(self.encoding, self.encoding) + (" with byte-order mark" if self.has_bom else "")
        text += f" ({self.encoding_note})" if self.encoding_note else ""
        return ("gzip-compressed " if self.container == "gzip" else "") + "CSV, " + text

    @property
    def needs_copy(self) -> bool:
        """Whether DuckDB needs a UTF-8 copy of the text rather than the file itself."""
        return self.encoding != "utf-8" or bool(self.bare_cr or self.mixed_line_ends or self.nul or self.not_utf8)


@dataclass(frozen=True)
class Repair:
    """A character of the text that was not as the file's encoding says, and how it was read."""

    offset: int  # in the UTF-8 text DuckDB reads
    read_as: str


@dataclass
class Text:
    """A UTF-8 CSV text DuckDB can read (one per worksheet of a workbook), and what was done to make it (stage 1)."""

    path: Path
    compression: str  # "none" or "gzip"
    newline: bytes = b"\n"  # what ends its lines: b"\n" (with or without a CR before it) or b"\r"
    sheet: str | None = None
    padded: bool = False  # a worksheet's rows end at their last cell: shorter rows are padded, not short
    repairs: list[Repair] = field(default_factory=list)  # the first few, to be found in their rows
    repaired: int = 0  # characters read other than as the file's encoding says
    notes: list[str] = field(default_factory=list)  # what else was done to the text, for the report
    complete: bool = False  # the part read to find the header holds the whole text (stage 2)


@dataclass
class Header:
    """Where the header is and how fields are separated (stage 2)."""

    text: Text
    header_row: int  # the header's row as a spreadsheet shows it (1 when there is no preamble)
    delimiter: str
    headers: list[str]
    preamble: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # the records below the header in the text's first part

    def cells(self, header: str) -> list[str]:
        """The sampled values of one column."""
        i = self.headers.index(header)
        return [row[i] if i < len(row) else "" for row in self.rows]


@dataclass(frozen=True)
class ColumnMatch:
    """One of our columns found in the file, and why (stage 3)."""

    column: Column
    source: str  # the file's header
    how: str  # "name", "other name", "words in another order", "close spelling of ...", "values", "mapping file"
    evidence: str = ""  # what its values say, when they were looked at


@dataclass(frozen=True)
class Tie:
    """Columns matching could not tell apart; neither is taken."""

    columns: tuple[Column, ...]
    sources: tuple[str, ...]
    why: str


@dataclass
class Matching:
    """Which of the file's columns is which of ours (stage 3)."""

    matches: list[ColumnMatch]
    headers: list[str]
    profiles: dict[str, Profile] = field(default_factory=dict)
    ties: list[Tie] = field(default_factory=list)
    missing: list[Column] = field(default_factory=list)  # required columns not found
    missing_groups: list[OneOf] = field(default_factory=list)  # groups of which the file holds none
    left_out: list[Column] = field(default_factory=list)  # optional columns the file lacks (or the mapping says so)
    # Choice columns' values as the import will read them: our column's name -> [(value, ours or None, rows)].
    value_maps: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)  # the mapping file's value maps
    notes: list[str] = field(default_factory=list)
    event_log_likely: bool = False
    problem: str | None = None  # why the file cannot be imported as it is (a required column missing)

    @property
    def by_column(self) -> dict[Column, str]:
        return {m.column: m.source for m in self.matches}

    def found(self, name: str) -> bool:
        return any(m.column.name == name for m in self.matches)

    @property
    def ignored(self) -> list[str]:
        used = {m.source for m in self.matches}
        return [h for h in self.headers if h not in used]


@dataclass
class Trip:
    """One file's trip through the stages."""

    path: Path
    file_name: str
    kind: Kind
    mapping: Mapping | None = None
    force: bool = False
    user: str | None = None
    lenient: bool = False  # a preview: say what is missing instead of stopping
    con: duckdb.DuckDBPyConnection | None = None  # None for a preview, which writes nothing
    progress: Progress = field(default=lambda _fraction, _message: None)
    report: ImportReport = field(init=False)
    cleanup: ExitStack = field(default_factory=ExitStack)
    folder: Path | None = None  # a temporary folder for the texts made from the file, removed when the trip ends
    # Filled in by the stages, in order.
    info: FileInfo | None = None
    texts: dict[str | None, Text] = field(default_factory=dict)  # by worksheet (None for a CSV file)
    header: Header | None = None
    matching: Matching | None = None
    event_log: bool = False
    stop: str | None = None  # why the trip ends early (the file was imported before)

    def __post_init__(self) -> None:
        self.report = ImportReport(file_name=self.file_name, kind=self.kind.name)

    def __enter__(self) -> "Trip":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.cleanup.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        assert self.con is not None, "this stage writes to the database: a preview never reaches it"
        return self.con
