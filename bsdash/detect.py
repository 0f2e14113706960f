"""Layout detection: where an export's header row is, how its fields are separated, which column is which.

Exports drift: the header moves below a few lines of title, names change case, spacing, underscores and
wording from one month to the next, and now and then carry a typo. A source column is matched to a contract
column by meaning, in this order of confidence:

1. its name, or one of the other names the layout declares, written the same once case, spacing,
   punctuation and common abbreviations are set aside (`trans_no` = "Transaction Number");
2. the same words in another order (`Date Paid` = "Paid Date");
3. a close spelling of one of those names: each word within one or two letters, first and last letters kept
   (`Organisatonal Unit` = "Organisational Unit", but never `Resolver` = "Resolved").

A mapping file (bsdash/mapping.py) settles what detection cannot.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bsdash.files import ExportError
from bsdash.layouts import Column, Kind

DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 40
SAMPLE_ROWS = 20

# Words that exports abbreviate or spell in more than one way, and words that carry no meaning.
_WORDS = {
    "no": "number",
    "num": "number",
    "nbr": "number",
    "ref": "reference",
    "dept": "department",
    "amt": "amount",
    "trans": "transaction",
    "txn": "transaction",
    "tran": "transaction",
    "nett": "net",
    "organization": "organisation",
    "organizational": "organisational",
    "org": "organisation",
    "desc": "description",
    "cat": "category",
    "supp": "supplier",
    "sup": "supplier",
    "vat": "vat",
    "fy": "financial year",
    "cc": "cost centre",
    "center": "centre",
    "e-mail": "email",
    "catagory": "category",
}
_IGNORED = {"gbp", "the", "of", "a", "in", "excl", "exc", "ex"}


@dataclass(frozen=True)
class ColumnMatch:
    """One contract column found in the file."""

    column: Column
    source: str  # the file's header
    how: str  # "name", "other name", "words in another order", "close spelling of ...", "mapping file"


@dataclass
class Layout:
    """What detection (and a mapping file, when given) found in a file, before anything is read into DuckDB."""

    kind: Kind
    header_row: int  # the header's row as a spreadsheet shows it (1 when there is no preamble)
    skip_lines: int  # physical lines before the data rows (preamble and header)
    delimiter: str
    headers: list[str]
    matches: list[ColumnMatch]
    preamble: list[str] = field(default_factory=list)
    sample_rows: list[list[str]] = field(default_factory=list)

    @property
    def mapping(self) -> dict[Column, str]:
        return {m.column: m.source for m in self.matches}

    @property
    def ignored(self) -> list[str]:
        used = {m.source for m in self.matches}
        return [h for h in self.headers if h not in used]

    @property
    def missing(self) -> list[Column]:
        found = {m.column for m in self.matches}
        return [c for c in self.kind.columns if c.required and c not in found]


def words(header: str) -> tuple[str, ...]:
    """A header as the words that carry its meaning: `Trans_No` -> ('transaction', 'number')."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", header.replace("\ufeff", ""))
    tokens = []
    for token in re.findall(r"[a-z0-9]+", text.lower()):
        tokens.extend(_WORDS.get(token, token).split())
    return tuple(_singular(t) for t in tokens if t not in _IGNORED)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn a into b."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _close_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    return _distance(a, b) <= (2 if min(len(a), len(b)) >= 10 else 1)


def _names(column: Column) -> list[tuple[str, str, float]]:
    """Each name a column goes by, how a match on it is described, and a small penalty for later synonyms.

    Synonyms are declared in order of preference, so that "Net Amount" wins over "Gross Amount" in a file
    that has both.
    """
    names = [(column.header, "name", 0.0), (column.name.replace("_", " "), "name", 0.0)]
    return names + [(s, "other name", 0.1 * i) for i, s in enumerate(column.synonyms)]


def match_score(header: str, column: Column) -> tuple[float, str]:
    """How surely a source header means a contract column (0: not at all), and why."""
    source = words(header)
    if not source:
        return 0, ""
    best: tuple[float, str] = (0, "")
    for name, how, penalty in _names(column):
        target = words(name)
        if not target:
            continue
        score: tuple[float, str] = (0, "")
        if source == target or "".join(source) == "".join(target):
            score = ((100 if how == "name" else 95) - penalty, how)
        elif sorted(source) == sorted(target):
            score = (85 - penalty, "words in another order")
        elif len(source) == len(target) and all(_close_word(a, b) for a, b in zip(source, target, strict=True)):
            score = (70 - penalty, f"close spelling of '{name}'")
        elif len(source) != len(target) and len("".join(source)) >= 8 and _close_word("".join(source), "".join(target)):
            score = (65 - penalty, f"close spelling of '{name}'")
        if score[0] > best[0]:
            best = score
    return best


def match_columns(headers: list[str], kind: Kind, pinned: dict[Column, str | None] | None = None) -> list[ColumnMatch]:
    """Assign source headers to contract columns, surest first; each header and column is used once.

    `pinned` comes from a mapping file: a column given a header takes it, a column given None is left out.
    """
    pinned = pinned or {}
    matches = [ColumnMatch(c, source, "mapping file") for c, source in pinned.items() if source is not None]
    taken_columns = set(pinned)
    taken_sources = {m.source for m in matches}
    candidates = []
    for c_index, column in enumerate(kind.columns):
        if column in taken_columns:
            continue
        for s_index, header in enumerate(headers):
            if header in taken_sources:
                continue
            score, how = match_score(header, column)
            if score:
                candidates.append((-score, c_index, s_index, column, header, how))
    for _, _, _, column, header, how in sorted(candidates, key=lambda c: c[:3]):
        if column in taken_columns or header in taken_sources:
            continue
        matches.append(ColumnMatch(column, header, how))
        taken_columns.add(column)
        taken_sources.add(header)
    order = {c: i for i, c in enumerate(kind.columns)}
    return sorted(matches, key=lambda m: order[m.column])


def detect_layout(
    head: str,
    kind: Kind,
    file_name: str,
    *,
    pinned: dict[Column, str | None] | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    strict: bool = True,
) -> Layout:
    """Find the header row and delimiter in the first part of a file's text, and match its columns.

    Raises ExportError naming the file when a required column cannot be found, listing the columns seen
    (unless not `strict`: a preview shows what was found and what is missing).
    """
    best: tuple[float, int, str, list[list[str]], list[int]] | None = None
    for candidate in (delimiter,) if delimiter else DELIMITERS:
        records, lines = _records(head, candidate)
        rows = [header_row - 1] if header_row else range(min(len(records), HEADER_SEARCH_ROWS))
        for index in rows:
            if index >= len(records):
                continue
            score = _header_score(records[index], kind, pinned)
            if best is None or score > best[0]:
                best = (score, index, candidate, records, lines)
    if best is None:
        raise ExportError(f"{file_name}: row {header_row} is beyond the end of the file.")
    score, index, chosen, records, lines = best
    if score <= 0 and not header_row:  # nothing recognisable: take the first row with text as the header
        index = next((i for i, r in enumerate(records) if any(cell.strip() for cell in r)), 0)
    headers = _unique_headers(records[index])
    checked = _check_pinned(pinned or {}, headers, file_name)
    layout = Layout(
        kind=kind,
        header_row=index + 1,
        skip_lines=lines[index],
        delimiter=chosen,
        headers=headers,
        matches=match_columns(headers, kind, checked),
        preamble=[",".join(cell for cell in r if cell) for r in records[:index] if any(c.strip() for c in r)],
        sample_rows=[r for r in records[index + 1 : index + 1 + SAMPLE_ROWS] if r],
    )
    if layout.missing and strict:
        raise missing_columns_error(layout, file_name)
    return layout


def best_sheet(kind: Kind) -> Callable[[dict[str, str]], str]:
    """Chooses, among a workbook's sheets (name -> first rows as CSV), the one that best holds this kind."""

    def choose(heads: dict[str, str]) -> str:
        def score(name: str) -> float:
            records, _ = _records(heads[name], ",")
            return max((_header_score(r, kind, None) for r in records[:HEADER_SEARCH_ROWS]), default=0)

        return max(heads, key=score)  # the first of equals: max keeps the first maximum

    return choose


def missing_columns_error(layout: Layout, file_name: str) -> ExportError:
    names = ", ".join(f"'{c.header}'" for c in layout.missing)
    seen = ", ".join(f"'{h}'" for h in layout.headers)
    where = f" (header found on row {layout.header_row})" if layout.header_row > 1 else ""
    return ExportError(
        f"{file_name}: no column for {names} in this {layout.kind.name} export. Columns seen{where}: {seen}. "
        "If one of them holds it under another name, say so in a mapping file (--mapping)."
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


def _header_score(record: list[str], kind: Kind, pinned: dict[Column, str | None] | None) -> float:
    cells = [c for c in record if c]
    if len(cells) < min(2, len(kind.columns)):
        return 0
    if any(_is_number_or_date(c) for c in cells):  # a data row, not a header
        return 0
    matches = match_columns(_unique_headers(record), kind)
    required = sum(1 for m in matches if m.column.required)
    pinned_found = sum(1 for source in (pinned or {}).values() if source and source in cells)
    return len(matches) + required + 2 * pinned_found - 0.01 * max(0, len(cells) - len(kind.columns))


def _is_number_or_date(cell: str) -> bool:
    return bool(re.fullmatch(r"[-+£(]?[0-9][0-9,.:/ -]*\)?", cell))


def _unique_headers(record: list[str]) -> list[str]:
    headers, seen = [], set()
    for i, cell in enumerate(record, start=1):
        name = cell.strip().replace("\ufeff", "") or f"column {i}"
        base, n = name, 2
        while name.lower() in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name.lower())
        headers.append(name)
    return headers


def _check_pinned(pinned: dict[Column, str | None], headers: list[str], file_name: str) -> dict[Column, str | None]:
    """A mapping file's headers, found in the file case- and space-insensitively."""
    by_key = {_key(h): h for h in headers}
    checked: dict[Column, str | None] = {}
    for column, source in pinned.items():
        if source is None:
            checked[column] = None
            continue
        found = by_key.get(_key(source))
        if found is None:
            seen = ", ".join(f"'{h}'" for h in headers)
            raise ExportError(
                f"{file_name}: the mapping file reads '{column.header}' from a column '{source}', which this "
                f"file does not have. Columns seen: {seen}."
            )
        checked[column] = found
    return checked


def _key(header: str) -> str:
    return " ".join(header.lower().split())
