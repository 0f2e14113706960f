"""Mapping files: a small TOML file that settles a layout detection cannot, kept for the next month's export.

    # data/mappings/finance-system-spend.toml
    kind = "spend"                    # optional: the kind of export it is for
    header_row = 4                    # optional: the row holding the headers (found by itself otherwise)
    encoding = "windows-1252"         # optional: utf-8, windows-1252 or utf-16 (detected otherwise)
    delimiter = ";"                   # optional: , ; | or "\t" (detected otherwise)
    sheet = "Payments"                # optional: the worksheet of an Excel workbook

    [columns]                         # our column (its header or name) = the export's header
    "Paid Date" = "Date of Payment"
    "Department" = "Cost Centre Name"
    "Service Type" = ""               # "" = not in this file: do not look for it

Columns not named are detected as usual. The dashboard's Import page writes the same files into
data/mappings/, where the command line's `--mapping` can use them too.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from bsdash.config import mappings_dir
from bsdash.detect import Layout
from bsdash.files import ExportError
from bsdash.layouts import KINDS, Column, Kind

_KEYS = ("kind", "header_row", "encoding", "delimiter", "sheet", "columns")


class MappingError(ExportError):
    """A mapping file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Mapping:
    """What a mapping file says. Every field is optional."""

    kind: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    columns: dict[str, str | None] = field(default_factory=dict)  # contract column name -> header, None: absent
    name: str = ""

    def pinned(self, kind: Kind) -> dict[Column, str | None]:
        """The columns this mapping settles for `kind`."""
        return {kind.column(name): source for name, source in self.columns.items()}


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; raise MappingError saying what is wrong in it."""
    path = Path(path)
    if not path.is_file():
        raise MappingError(f"{path}: no such mapping file.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"{path.name}: not a valid TOML mapping file ({error}).") from error
    return parse_mapping(data, path.name)


def parse_mapping(data: dict, name: str) -> Mapping:
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise MappingError(f"{name}: unknown entries {', '.join(unknown)}. Accepted: {', '.join(_KEYS)}.")
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        raise MappingError(f"{name}: unknown kind '{kind}'. Accepted: {', '.join(KINDS)}.")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise MappingError(f"{name}: header_row must be a row number (1 or more), not {header_row!r}.")
    delimiter = data.get("delimiter")
    if delimiter is not None and delimiter not in (",", ";", "\t", "|"):
        raise MappingError(f'{name}: delimiter must be one of , ; | or "\\t", not {delimiter!r}.')
    columns_table = data.get("columns", {})
    if not isinstance(columns_table, dict):
        raise MappingError(f"{name}: [columns] must be a table of our column = the export's header.")
    columns: dict[str, str | None] = {}
    for key, source in columns_table.items():
        if not isinstance(source, str):
            raise MappingError(f"{name}: the header for '{key}' must be text in quotes, not {source!r}.")
        target = _column(KINDS[kind], key, name).name if kind else key
        columns[target] = source.strip() or None
    for key in ("encoding", "sheet"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise MappingError(f"{name}: {key} must be text in quotes.")
    return Mapping(kind, header_row, data.get("encoding"), delimiter, data.get("sheet"), columns, name)


def _column(kind: Kind, key: str, file_name: str) -> Column:
    wanted = " ".join(key.lower().replace("_", " ").split())
    for column in kind.columns:
        if wanted in (column.header.lower(), column.name.replace("_", " ")):
            return column
    accepted = ", ".join(f"'{c.header}'" for c in kind.columns)
    raise MappingError(f"{file_name}: '{key}' is not a column of {kind.name} exports. Accepted: {accepted}.")


def resolve(mapping: Mapping, kind: Kind) -> Mapping:
    """The mapping with its column keys turned into contract column names (checked against the kind)."""
    if mapping.kind and mapping.kind != kind.name:
        raise MappingError(f"{mapping.name}: this mapping is for {mapping.kind} exports, not {kind.name}.")
    columns = {_column(kind, key, mapping.name).name: source for key, source in mapping.columns.items()}
    return Mapping(
        kind.name, mapping.header_row, mapping.encoding, mapping.delimiter, mapping.sheet, columns, mapping.name
    )


def from_layout(layout: Layout, *, changes: dict[str, str | None] | None = None, name: str = "") -> Mapping:
    """The mapping that reproduces a detected layout (with the analyst's changes), to save for next time."""
    columns: dict[str, str | None] = {m.column.name: m.source for m in layout.matches}
    for column in layout.kind.columns:
        columns.setdefault(column.name, None)
    columns.update(changes or {})
    return Mapping(
        kind=layout.kind.name,
        header_row=layout.header_row if layout.header_row > 1 else None,
        delimiter=layout.delimiter if layout.delimiter != "," else None,
        columns=columns,
        name=name,
    )


def dump_mapping(mapping: Mapping) -> str:
    """The mapping as TOML text; `load_mapping` reads it back unchanged."""
    lines = [f"# How to read {mapping.kind or 'these'} exports: our column = the export's header."]
    for key in ("kind", "header_row", "encoding", "delimiter", "sheet"):
        value = getattr(mapping, key)
        if value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    lines += ["", "[columns]"]
    kind = KINDS.get(mapping.kind or "")
    for name, source in mapping.columns.items():
        header = kind.column(name).header if kind else name
        lines.append(f"{_toml_value(header)} = {_toml_value(source or '')}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def save_mapping(mapping: Mapping, name: str, folder: Path | None = None) -> Path:
    """Write the mapping as <folder>/<name>.toml (data/mappings by default; the name made safe for a file)."""
    folder = folder or mappings_dir()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise MappingError("Give the mapping a name of letters or digits.")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.toml"
    path.write_text(dump_mapping(mapping), encoding="utf-8")
    return path


def saved_mappings(kind: str | None = None, folder: Path | None = None) -> dict[str, Path]:
    """Mapping files in the folder (data/mappings by default) for `kind` or for any kind, by file name."""
    folder = folder or mappings_dir()
    found = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            mapping = load_mapping(path)
        except MappingError:
            continue
        if kind is None or mapping.kind in (None, kind):
            found[path.name] = path
    return found
