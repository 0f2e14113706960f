"""Stage 3, matching columns: which of the file's columns is which of ours, by their names, their values and the
mapping file.

Every column of the file is scored against each of our columns on its header (bsdash.ingest.names) and on the
values found below it (bsdash.ingest.values): a header naming the column, confirmed or contradicted by its
values; or values alone, when they can mean only that column (a column holding nothing but "Capital" and
"Revenue", ticket states, priorities, ticket numbers; the only dates of a payments file). The assignment with
the highest total score over the whole file is taken, each column used once. When two columns score the same for
one of ours (or one column the same for two of ours), neither is taken and the report says so: the analyst
settles it in a mapping file rather than the import guessing.

A mapping file's columns come first: the first of a column's candidate headers the file has, or "not in this
file"; a column it names that this file lacks is matched as usual, so one mapping file serves a family of layouts.

Entry: `match_columns(trip)`.
"""

from dataclasses import dataclass

from bsdash.ingest.errors import ExportError
from bsdash.ingest.kinds import Column, Kind
from bsdash.ingest.names import match_score, words
from bsdash.ingest.report import Source
from bsdash.ingest.trip import ColumnMatch, Matching, Tie, Trip
from bsdash.ingest.values import MIN_VALUES, Fit, Profile, fit, profile, value_map

ACCEPTED = 40.0  # the lowest score taken: a close spelling contradicted by its values is not
VALUE_ONLY_FIT = 0.9  # values alone name a column when at least this share of them fit it
_SAME = 1e-6


@dataclass(frozen=True)
class _Score:
    score: float
    how: str
    evidence: str


def match_columns(trip: Trip) -> None:
    """Stage 3: match the file's columns to ours; stop with the reason when a required one is missing."""
    assert trip.header is not None
    header, kind = trip.header, trip.kind
    overrides = dict(trip.mapping.values) if trip.mapping else {}
    profiles = {h: profile(header.cells(h), whole_file=header.text.complete) for h in header.headers}
    matching = Matching(matches=[], headers=header.headers, profiles=profiles, overrides=overrides)
    pinned, left_out = _mapping_columns(trip, matching)
    open_columns = [c for c in kind.columns if c not in pinned and c not in left_out]
    open_headers = [h for h in header.headers if h not in pinned.values()]
    scores = {
        (c, h): s
        for c in open_columns
        for h in open_headers
        if (s := _score(kind, c, profiles[h], h, overrides.get(c.name), matching)).score >= ACCEPTED
    }
    chosen, ties = _assign(open_columns, open_headers, scores)
    for column, source in pinned.items():
        found = fit(profiles[source], column, overrides.get(column.name))
        matching.matches.append(ColumnMatch(column, source, "mapping file", found.evidence if found else ""))
    for (column, source), score in chosen.items():
        matching.matches.append(ColumnMatch(column, source, score.how, score.evidence))
    order = {c: i for i, c in enumerate(kind.columns)}
    matching.matches.sort(key=lambda m: order[m.column])
    matching.ties = ties
    found = {m.column for m in matching.matches}
    matching.missing = [c for c in kind.columns if c.required and c not in found]
    matching.missing_groups = [
        group for group in kind.needs_one_of if not any(matching.found(name) for name in group.columns)
    ]
    matching.left_out = [c for c in kind.columns if c not in found and not c.required]
    for m in matching.matches:
        if m.column.choices:
            matching.value_maps[m.column.name] = value_map(
                m.column, header.cells(m.source), overrides.get(m.column.name)
            )
    matching.event_log_likely = _looks_like_event_log(kind, matching, header.cells)
    trip.matching = matching
    _report(trip, matching)
    if matching.missing or matching.missing_groups:
        matching.problem = _missing_columns_message(trip)
        if not trip.lenient:
            raise ExportError(matching.problem)


def _mapping_columns(trip: Trip, matching: Matching) -> tuple[dict[Column, str], set[Column]]:
    """The columns the mapping file settles: {column: the file's header} and those it says are not in the file."""
    if trip.mapping is None:
        return {}, set()
    by_key = {_key(h): h for h in matching.headers}
    pinned: dict[Column, str] = {}
    left_out: set[Column] = set()
    for column, sources in trip.mapping.column_names(trip.kind).items():
        if not sources:
            if column.required:
                raise ExportError(
                    f"{trip.file_name}: the mapping file says '{column.header}' is not in this file, but every "
                    f"{trip.kind.name} export needs it."
                )
            left_out.add(column)
            continue
        present = next((by_key[_key(s)] for s in sources if _key(s) in by_key), None)
        if present is None:
            named = " or ".join(f"'{s}'" for s in sources)
            matching.notes.append(
                f"the mapping file reads {column.header} from {named}, which this file does not have: "
                "it was looked for by name and values instead"
            )
        elif present not in pinned.values():
            pinned[column] = present
    return pinned, left_out


def _key(header: str) -> str:
    """A header as a mapping file may name it: by its words (`organisational_unit` = "Organisational Unit")."""
    return " ".join(words(header)) or " ".join(header.lower().split())


def _score(
    kind: Kind, column: Column, found: Profile, header: str, overrides: dict[str, str] | None, matching: Matching
) -> _Score:
    """How surely the file's column is ours: its name, confirmed or contradicted by its values; or values alone."""
    named, how = match_score(header, column)
    values = fit(found, column, overrides)
    if named:
        if _contradicted(column, values, found):
            assert values is not None
            matching.notes.append(
                f"'{header}' was not taken as {column.header}, though named like it: {values.evidence}"
            )
            return _Score(0, "", "")
        bonus = 10 * values.share if values else 0
        penalty = 20 if values is not None and values.share < 0.5 else 0
        return _Score(named + bonus - penalty, how, values.evidence if values else "")
    if values is not None and values.share >= VALUE_ONLY_FIT and _values_can_name(kind, column):
        return _Score(40 + 20 * (values.share - VALUE_ONLY_FIT) / (1 - VALUE_ONLY_FIT), "values", values.evidence)
    return _Score(0, "", "")


def _contradicted(column: Column, values: Fit | None, found: Profile) -> bool:
    """A column named like an optional choice of ours whose values are plainly something else."""
    return (
        values is not None
        and not column.required
        and column.type in ("choice", "boolean")
        and values.share < 0.2
        and len(found.values) >= max(MIN_VALUES, 5)
    )


def _values_can_name(kind: Kind, column: Column) -> bool:
    """Values alone can name a column of a vocabulary or shape of its own; a date or an amount only when the
    kind has no other column of that shape (a payment's only date is its paid date)."""
    shape = column.shape_name
    if column.choices or shape in ("ticket_number", "person"):
        return True
    if shape in ("date", "timestamp", "money"):
        return sum(1 for c in kind.columns if c.shape_name == shape) == 1
    return False


def _assign(
    columns: list[Column], headers: list[str], scores: dict[tuple[Column, str], _Score]
) -> tuple[dict[tuple[Column, str], _Score], list[Tie]]:
    """The assignment with the highest total score; pairs that tie with another are dropped and reported."""
    if not scores:
        return {}, []
    matrix = [[scores[(c, h)].score if (c, h) in scores else 0.0 for h in headers] for c in columns]
    pairs = [(columns[i], headers[j]) for i, j in _best_assignment(matrix) if matrix[i][j] > 0]
    chosen = {pair: scores[pair] for pair in pairs}
    owner = {h: c for c, h in pairs}
    ties: list[Tie] = []
    dropped: set[tuple[Column, str]] = set()
    for column, header in pairs:
        s = scores[(column, header)].score
        for other in headers:
            if other == header or (column, other) not in scores:
                continue
            if abs(scores[(column, other)].score - s) > _SAME:
                continue
            rival = owner.get(other)
            if rival is not None and (
                (rival, header) not in scores
                or abs(scores[(rival, header)].score - scores[(rival, other)].score) > _SAME
            ):
                continue  # the other column is better used where it is
            dropped.add((column, header))
            if rival is not None:
                dropped.add((rival, other))
            ties.append(
                Tie((column,), (header, other), f"{_why(scores[(column, header)])} / {_why(scores[(column, other)])}")
            )
        for rival_column in columns:
            if rival_column is column or (rival_column, header) not in scores:
                continue
            if abs(scores[(rival_column, header)].score - s) > _SAME:
                continue
            if any(c is rival_column for c, _ in pairs):
                continue  # the other column of ours found its own
            dropped.add((column, header))
            ties.append(Tie((column, rival_column), (header,), _why(scores[(column, header)])))
    for pair in dropped:
        chosen.pop(pair, None)
    return chosen, _unique_ties(ties)


def _why(score: _Score) -> str:
    return score.evidence or score.how


def _unique_ties(ties: list[Tie]) -> list[Tie]:
    seen, unique = set(), []
    for tie in ties:
        key = (frozenset(id(c) for c in tie.columns), frozenset(tie.sources))
        if key not in seen:
            seen.add(key)
            unique.append(tie)
    return unique


def _best_assignment(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """Rows to columns with the highest total (the Hungarian method, O(n^2 m)); each used at most once."""
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        transposed = [list(r) for r in zip(*matrix, strict=True)]
        return [(i, j) for j, i in _best_assignment(transposed)]
    infinity = float("inf")
    cost = [[-v for v in row] for row in matrix]  # the method minimises
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0], j0 = i, 0
        least = [infinity] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], infinity, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j]]


def _looks_like_event_log(kind: Kind, matching: Matching, cells) -> bool:
    """One row per update: the kind's update-number column, or an event time and a key seen twice."""
    if kind.events is None:
        return False
    if matching.found(kind.events.marker):
        return True
    if not any(matching.found(name) for name in kind.events.order):
        return False
    key = next((m.source for m in matching.matches if m.column.name in kind.key), None)
    values = [v for v in cells(key) if v] if key else []
    return len(values) > len(set(values))


def _report(trip: Trip, matching: Matching) -> None:
    report = trip.report
    report.sources = [Source(m.column.header, m.source, m.how, m.evidence) for m in matching.matches]
    report.ignored_columns = matching.ignored
    report.lacking = {c.header: c.without for c in matching.left_out if c.without}
    report.ties = [_describe_tie(tie) for tie in matching.ties]
    report.notes = list(matching.notes)


def _describe_tie(tie: Tie) -> str:
    if len(tie.sources) > 1:
        sources = " and ".join(f"'{s}'" for s in tie.sources)
        return (
            f"{sources} read equally well as {tie.columns[0].header} ({tie.why}); neither is taken: "
            "name it in a mapping file"
        )
    ours = " and ".join(c.header for c in tie.columns)
    return f"'{tie.sources[0]}' reads equally well as {ours} ({tie.why}); it is not taken: name it in a mapping file"


def _missing_columns_message(trip: Trip) -> str:
    """Why the file cannot be read as this kind: the columns it lacks, the columns seen, and how to settle it."""
    assert trip.matching is not None and trip.header is not None
    matching, header = trip.matching, trip.header
    needed = [f"'{c.header}'" for c in matching.missing]
    needed += [" or ".join(f"'{trip.kind.column(n).header}'" for n in g.columns) for g in matching.missing_groups]
    seen = ", ".join(f"'{h}'" for h in header.headers)
    where = f" (header found on row {header.header_row})" if header.header_row > 1 else ""
    ties = "".join(f" {_describe_tie(t)}." for t in matching.ties)
    return (
        f"{trip.file_name}: no column for {', '.join(needed)} in this {trip.kind.name} export. Columns seen{where}: "
        f"{seen}.{ties} If one of them holds it under another name, say so in a mapping file (--mapping)."
    )
