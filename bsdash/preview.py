"""How a file would be read, before anything is written: for the Import page and `import --dry-run`.

The preview runs the same detection as the import and types the first rows with the same SQL, in a
throw-away in-memory database, so that what the analyst confirms is what the import will do.
"""

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from bsdash.detect import Layout, best_sheet, missing_columns_error
from bsdash.files import ExportError, inspect_file, readable_text
from bsdash.importer import file_layout
from bsdash.layouts import KINDS, TYPE_DESCRIPTIONS
from bsdash.mapping import Mapping, MappingError, resolve
from bsdash.staging import create_macros, quote_ident, typed_expression


@dataclass(frozen=True)
class ColumnPreview:
    """One of our columns and what the file gives it."""

    ours: str  # our column's header
    name: str  # our column's name
    required: bool
    theirs: str | None  # the file's header, or None when not found
    how: str
    examples: list[str]
    readable: int = 0  # of the examples, how many read as the column's type
    expected: str = ""


@dataclass
class Preview:
    file_name: str
    kind: str
    file_type: str = ""
    sha256: str = ""
    layout: Layout | None = None
    columns: list[ColumnPreview] = field(default_factory=list)
    error: str | None = None

    @property
    def ignored(self) -> list[str]:
        return self.layout.ignored if self.layout else []

    @property
    def missing(self) -> list[str]:
        return [c.ours for c in self.columns if c.required and c.theirs is None]

    def warnings(self) -> list[str]:
        """Columns whose first values mostly do not read as their type: a wrong mapping, or a broken export."""
        found = []
        for column in self.columns:
            present = [e for e in column.examples if e]
            if column.expected and present and column.readable * 2 < len(present):
                found.append(
                    f"{column.ours} ('{column.theirs}'): {len(present) - column.readable} of the first "
                    f"{len(present)} values are not {column.expected}, for example '{present[0][:40]}'. Those rows "
                    "will be quarantined."
                )
        return found

    def lines(self) -> list[str]:
        """The preview as text, for the command line."""
        if self.layout is None:
            return []
        where = f", header on row {self.layout.header_row}" if self.layout.header_row > 1 else ""
        lines = [f"read as {self.file_type}{where}"]
        for column in self.columns:
            if column.theirs is None:
                if column.required:
                    lines.append(f"{column.ours} <- MISSING")
                continue
            note = "" if column.how == "name" else f" ({column.how})"
            lines.append(f"{column.ours} <- '{column.theirs}'{note}")
        if self.ignored:
            lines.append("not used: " + ", ".join(f"'{h}'" for h in self.ignored))
        lines += [f"warning: {w}" for w in self.warnings()]
        return lines


def preview_file(path: Path, kind: str, *, file_name: str | None = None, mapping: Mapping | None = None) -> Preview:
    """How the file would be read as `kind`; problems are reported in `error`, never raised."""
    spec = KINDS[kind]
    preview = Preview(file_name=file_name or Path(path).name, kind=kind)
    try:
        mapping = resolve(mapping, spec) if mapping else None
        info = inspect_file(Path(path), preview.file_name, encoding=mapping.encoding if mapping else None)
        preview.sha256 = info.sha256
        with readable_text(info, sheet=mapping.sheet if mapping else None, choose_sheet=best_sheet(spec)) as text:
            preview.file_type = info.describe() + (f", sheet '{text.sheet}'" if text.sheet else "")
            layout = file_layout(text.head, spec, preview.file_name, mapping, strict=False)
    except (ExportError, MappingError) as error:
        preview.error = str(error)
        return preview
    preview.layout = layout
    preview.columns = _columns(layout)
    if layout.missing:
        preview.error = str(missing_columns_error(layout, preview.file_name))
    return preview


def _columns(layout: Layout) -> list[ColumnPreview]:
    found = {m.column: m for m in layout.matches}
    index = {h: i for i, h in enumerate(layout.headers)}
    rows = layout.sample_rows
    readable = _readable_counts(layout)
    columns = []
    for column in layout.kind.columns:
        match = found.get(column)
        examples = []
        if match is not None:
            i = index[match.source]
            examples = [row[i] if i < len(row) else "" for row in rows]
        expected = TYPE_DESCRIPTIONS.get(column.type, "") if column.reference is None else ""
        if column.type == "choice":
            expected = "one of " + ", ".join(sorted(set(column.choices.values())))
        columns.append(
            ColumnPreview(
                ours=column.header,
                name=column.name,
                required=column.required,
                theirs=match.source if match else None,
                how=match.how if match else "",
                examples=examples,
                readable=readable.get(column.name, 0),
                expected=expected,
            )
        )
    return columns


def _readable_counts(layout: Layout) -> dict[str, int]:
    """For each typed column, how many of the sample's values read as its type (with the import's SQL)."""
    typed = [m for m in layout.matches if m.column.type != "text" and m.column.reference is None]
    if not typed or not layout.sample_rows:
        return {}
    index = {h: i for i, h in enumerate(layout.headers)}
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        create_macros(con)
        names = [f"c{i}" for i in range(len(typed))]
        con.execute(f"create temp table sample ({', '.join(f'{n} varchar' for n in names)})")
        values = [
            [row[index[m.source]] if index[m.source] < len(row) else None for m in typed] for row in layout.sample_rows
        ]
        con.executemany(f"insert into sample values ({', '.join('?' for _ in names)})", values)
        counts = ", ".join(
            f"count(*) filter (where {typed_expression(m.column, f'clean({quote_ident(n)})')} is not null)"
            for m, n in zip(typed, names, strict=True)
        )
        row = con.execute(f"select {counts} from sample").fetchall()[0]
    finally:
        con.close()
    return {m.column.name: count for m, count in zip(typed, row, strict=True)}
