"""How a kind of export is declared: its columns, what each looks like, what it needs, and how its rows load.

Everything the stages know about a particular kind is written here as data; no stage holds a code path for one.
"""

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "timestamp", "money", "number", "integer", "boolean", "choice"]
Reference = Literal["department", "service", "supplier"]
# What a text column's values look like, for knowing a column by its values as well as its name.
TextShape = Literal["identifier", "ticket_number", "person", "label", "name", "free"]

TYPE_DESCRIPTIONS = {
    "date": "a date (dd/mm/yyyy)",
    "timestamp": "a date and time (dd/mm/yyyy hh:mm)",
    "money": "an amount of money",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no",
    "choice": "one of the accepted values",
}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: each column is declared once
class Column:
    """One column of an export and where it goes in the contract."""

    name: str
    header: str
    type: ColumnType = "text"
    required: bool = False
    synonyms: tuple[str, ...] = ()
    # For choice columns (and text columns whose usual spellings are made the same): each spelling, compared
    # by its words (case, spacing and punctuation set aside), and the value stored for it.
    choices: dict[str, str] = field(default_factory=dict)
    # A choice value the vocabulary cannot place is kept as written and listed for the analyst to map, instead
    # of quarantining the row (see `Kind.mappable` for the label kind it is listed under).
    placed_later: bool = False
    # Resolved against a reference table: the text is kept in `source_<reference>` where the table has one,
    # and the id goes into `<reference>_id`.
    reference: Reference | None = None
    # Stored in the table (False for columns that are read only to be resolved, checked or derived from).
    stored: bool = True
    minimum: float | None = None
    maximum: float | None = None
    # What a text column's values look like (typed columns are known by their type).
    shape: TextShape = "free"
    # What shows less when a file lacks this column, for the import report.
    without: str = ""

    @property
    def shape_name(self) -> str:
        """The column's value shape: its type, or for text its declared shape."""
        return self.shape if self.type == "text" else self.type


@dataclass(frozen=True)
class RowCheck:
    """A rule over a row's typed values; rows where `failing` is true are quarantined with `reason`."""

    failing: str
    reason: str


@dataclass(frozen=True)
class OneOf:
    """A file must hold at least one of these columns; with `in_every_row`, every row must give the first of
    them the file holds (an event log's event time stands in for an opened time)."""

    columns: tuple[str, ...]
    in_every_row: bool = True


@dataclass(frozen=True)
class Derivation:
    """A column an event log lacks, read from its events. `sql` is an expression of aggregates over one record's
    events, each followed by `{over}` (SQL over our column names, with `_previous_<column>`: the value at the
    event before); `needs` are the columns it cannot do without. Of several derivations of one column, the first
    whose needs the file meets is used."""

    column: str
    how: str
    sql: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Events:
    """How an export with one row per update of a record (an event log) becomes one row per record.

    The file is an event log when it has the `marker` column, or an `order` column and a key seen twice. Each
    record keeps its latest update (by `order`, then by place in the file), except that counts which only grow
    take their highest value, and the columns the export lacks are derived from the updates.
    """

    marker: str
    order: tuple[str, ...]
    time: str
    highest: tuple[str, ...] = ()
    derived: tuple[Derivation, ...] = ()
    # Columns whose value before each event the derivations read (`_previous_<column>`).
    previous: tuple[str, ...] = ()

    def derivations(self, found: set[str]) -> list[Derivation]:
        """The derivations that apply to a file holding the columns `found`: for each column it lacks, the first
        whose needs it meets."""
        chosen: dict[str, Derivation] = {}
        for derivation in self.derived:
            if derivation.column not in found and all(n in found for n in derivation.needs):
                chosen.setdefault(derivation.column, derivation)
        return list(chosen.values())


@dataclass(frozen=True)
class StatedDate:
    """How a mapping file's stated date or period fills a date column whose values are all unusable."""

    column: str
    flag: str  # the stored boolean that marks the rows dated by the mapping file


@dataclass(frozen=True)
class Kind:
    """A kind of export: the table it loads and how."""

    name: str
    table: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # A row whose key is already loaded with other values either replaces it (registers and snapshots,
    # which are re-exported whole) or is quarantined (payments, which never change once made).
    on_conflict: Literal["replace", "quarantine"] = "replace"
    checks: tuple[RowCheck, ...] = ()
    # Reference columns whose value must resolve, or the row is quarantined (others keep their text).
    must_resolve: tuple[Reference, ...] = ()
    # Columns computed from the typed row (SQL over contract column names), for example a supplier's key.
    derived: dict[str, str] = field(default_factory=dict)
    # How a derived column is told in the import report: (the columns whose presence makes it apply, whether it
    # applies only when the export lacks the column itself, the words).
    derived_notes: dict[str, tuple[tuple[str, ...], bool, str]] = field(default_factory=dict)
    events: Events | None = None
    needs_one_of: tuple[OneOf, ...] = ()
    # When the export has no key column: the key is made from these columns' content and the row's
    # occurrence among identical rows of the file; `key_flag` is the stored boolean that says so.
    key_from_content: tuple[str, ...] = ()
    key_flag: str = ""
    # The money column whose pounds the report reconciles (read = loaded + quarantined + duplicates).
    money: str | None = None
    stated_date: StatedDate | None = None
    # A reference column whose blank value means the export withheld it (a payee left out to protect personal
    # data): loaded as "Not given (withheld)" and flagged, never quarantined.
    withheld: str = ""
    # Choice columns placed later: the label kind their unplaced values are listed under in the reference map.
    mappable: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def derived_told(self, found: set[str]) -> dict[str, str]:
        """Our column's header -> how it is derived, for the derived columns that apply to a file holding the
        columns `found` (see `derived_notes`)."""
        told = {}
        for name, (triggers, when_absent, how) in self.derived_notes.items():
            if (when_absent and name in found) or (triggers and not any(t in found for t in triggers)):
                continue
            told[self.column(name).header] = how
        return told

    def has_column(self, name: str) -> bool:
        return any(c.name == name for c in self.columns)
