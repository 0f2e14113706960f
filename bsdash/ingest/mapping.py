"""Mapping files: a small TOML file that settles what matching cannot, for every file of a family of layouts.

    # data/mappings/finance-system-spend.toml
    kind = "spend"                    # optional: the kind of export it is for
    header_row = 4                    # optional: the row holding the headers (found by itself otherwise)
    encoding = "windows-1252"         # optional: utf-8, windows-1252 or utf-16 (detected otherwise)
    delimiter = ";"                   # optional: , ; | or "\t" (detected otherwise)
    sheet = "Payments"                # optional: the worksheet of an Excel workbook
    period = "01/04/2014 to 30/06/2014"   # optional: when the file's own dates are unusable (or date = "...")
    decimal = ","                     # optional: the decimal separator of its numbers (found from them otherwise)

    [columns]                         # our column (its header or name) = the export's header
    "Paid Date" = "Date of Payment"
    "Department" = ["Cost Centre Name", "Service Area"]   # the first of these the file has
    "Service Type" = ""               # "" = not in this file: do not look for it (optional columns only)

    [values.Priority]                 # the export's words for one of our columns' values
    "Critical" = "P1"

A column named here that a file lacks is found by matching instead, so that one mapping file serves every
quarter of a publisher whose headers drift. The Import page writes the same files into data/mappings/.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bsdash.config import mappings_dir
from bsdash.ingest.errors import MappingError
from bsdash.ingest.kinds import KINDS, Column, Kind
from bsdash.ingest.values import normal, place, vocabulary

_KEYS = ("kind", "header_row", "encoding", "delimiter", "sheet", "date", "period", "decimal", "columns", "values")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %b %Y", "%d %B %Y")


@dataclass(frozen=True)
class Mapping:
    """What a mapping file says. Every field is optional."""

    kind: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    # Our column's name -> the export's headers it may be under, first present wins; () = not in this file.
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Our column's name -> {the export's value, by its words -> our value}.
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    # The period the file's rows fall in (first and last day; the same day for a stated date).
    period: tuple[date, date] | None = None
    name: str = ""
    # The decimal separator of the file's numbers, "." or "," (found from their values when not said).
    decimal: str | None = None

    def column_names(self, kind: Kind) -> dict[Column, tuple[str, ...]]:
        """The columns this mapping names for `kind`."""
        return {kind.column(name): sources for name, sources in self.columns.items()}

    def describe_period(self) -> str:
        if self.period is None:
            return ""
        first, last = self.period
        if first == last:
            return f"dated {first:%d/%m/%Y} by the mapping file"
        return f"in the period {first:%d/%m/%Y} to {last:%d/%m/%Y}, by the mapping file"


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
    decimal = data.get("decimal")
    if decimal is not None and decimal not in (".", ","):
        raise MappingError(f'{name}: decimal must be "." or ",", not {decimal!r}.')
    delimiter = data.get("delimiter")
    if delimiter is not None and delimiter not in (",", ";", "\t", "|"):
        raise MappingError(f'{name}: delimiter must be one of , ; | or "\\t", not {delimiter!r}.')
    for key in ("encoding", "sheet"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise MappingError(f"{name}: {key} must be text in quotes.")
    spec = KINDS[kind] if kind else None
    columns = _columns(data.get("columns", {}), spec, name)
    values = _values(data.get("values", {}), spec, name)
    period = _period(data, name)
    if spec is not None:
        _check_for_kind(spec, columns, period, name)
    return Mapping(
        kind, header_row, data.get("encoding"), delimiter, data.get("sheet"), columns, values, period, name, decimal
    )


def _check_for_kind(spec: Kind, columns: dict[str, tuple[str, ...]], period: tuple | None, name: str) -> None:
    if period and spec.stated_date is None:
        raise MappingError(f"{name}: a date or period cannot be stated for {spec.name} exports.")
    for column_name, sources in columns.items():
        column = spec.column(column_name)
        if not sources and column.required:
            raise MappingError(
                f"{name}: '{column.header}' cannot be \"not in this file\": every {spec.name} export needs it."
            )


def _columns(table: object, spec: Kind | None, name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise MappingError(f"{name}: [columns] must be a table of our column = the export's header.")
    columns: dict[str, tuple[str, ...]] = {}
    for key, source in table.items():
        if isinstance(source, str):
            sources = (source.strip(),) if source.strip() else ()
        elif isinstance(source, list) and source and all(isinstance(s, str) and s.strip() for s in source):
            sources = tuple(s.strip() for s in source)
        else:
            raise MappingError(
                f"{name}: the header for '{key}' must be text in quotes, or a list of headers, not {source!r}."
            )
        target = _column(spec, key, name).name if spec else key
        columns[target] = sources
    return columns


def _values(table: object, spec: Kind | None, name: str) -> dict[str, dict[str, str]]:
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise MappingError(f'{name}: [values] must hold a table per column, such as [values.Priority] "High" = "P2".')
    values: dict[str, dict[str, str]] = {}
    for key, words in table.items():
        column = _column(spec, key, name) if spec else None
        if column is not None and not column.choices:
            raise MappingError(f"{name}: '{key}' takes any value; [values] is for columns with a set of values.")
        mapped: dict[str, str] = {}
        for theirs, ours in words.items():
            if not isinstance(ours, str):
                raise MappingError(f"{name}: the value for '{theirs}' under [values.{key}] must be text in quotes.")
            if column is not None:
                placed = place(ours, vocabulary(column))
                if placed is None:
                    accepted = ", ".join(sorted(set(column.choices.values())))
                    raise MappingError(
                        f"{name}: [values.{key}] maps '{theirs}' onto '{ours}', which is not one of ours: {accepted}."
                    )
                ours = placed
            mapped[normal(theirs)] = ours
        values[column.name if column else key] = mapped
    return values


def _period(data: dict, name: str) -> tuple[date, date] | None:
    if "date" in data and "period" in data:
        raise MappingError(f"{name}: give either date or period, not both.")
    if "date" in data:
        day = _date(data["date"], name, "date")
        return day, day
    if "period" not in data:
        return None
    period = data["period"]
    if isinstance(period, str) and re.search(r"\s(to|-|–)\s", period):
        period = re.split(r"\s+(?:to|-|–)\s+", period.strip(), maxsplit=1)
    if not isinstance(period, list) or len(period) != 2:
        raise MappingError(f'{name}: period must be written "01/04/2014 to 30/06/2014", not {data["period"]!r}.')
    first, last = (_date(p, name, "period") for p in period)
    if last < first:
        raise MappingError(f"{name}: the period ends ({last:%d/%m/%Y}) before it starts ({first:%d/%m/%Y}).")
    return first, last


def _date(value: object, name: str, key: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for form in _DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), form).date()
            except ValueError:
                continue
    raise MappingError(f"{name}: {key} must be a date written dd/mm/yyyy, not {value!r}.")


def _column(kind: Kind, key: str, file_name: str) -> Column:
    wanted = " ".join(key.lower().replace("_", " ").split())
    for column in kind.columns:
        if wanted in (column.header.lower(), column.name.replace("_", " ")):
            return column
    accepted = ", ".join(f"'{c.header}'" for c in kind.columns)
    raise MappingError(f"{file_name}: '{key}' is not a column of {kind.name} exports. Accepted: {accepted}.")


def resolve(mapping: Mapping, kind: Kind) -> Mapping:
    """The mapping checked against the kind, with its keys turned into our column names."""
    if mapping.kind and mapping.kind != kind.name:
        raise MappingError(f"{mapping.name}: this mapping is for {mapping.kind} exports, not {kind.name}.")
    if mapping.kind:
        return mapping
    data = {
        "kind": kind.name,
        "columns": {key: list(sources) or "" for key, sources in mapping.columns.items()},
        "values": {key: dict(words) for key, words in mapping.values.items()},
    }
    checked = parse_mapping(data, mapping.name)
    _check_for_kind(kind, checked.columns, mapping.period, mapping.name)
    return Mapping(
        kind.name,
        mapping.header_row,
        mapping.encoding,
        mapping.delimiter,
        mapping.sheet,
        checked.columns,
        checked.values,
        mapping.period,
        mapping.name,
        mapping.decimal,
    )


def from_choices(
    kind: Kind,
    columns: dict[str, str | None],
    *,
    header_row: int = 1,
    delimiter: str = ",",
    base: Mapping | None = None,
    name: str = "",
) -> Mapping:
    """A mapping that reads a file the way it was read (our column's name -> the export's header, None when
    not in the file), on top of `base` (the mapping it was read with, whose other entries it keeps)."""
    named = dict(base.columns) if base else {}
    named.update({column: (source,) if source else () for column, source in columns.items()})
    return Mapping(
        kind=kind.name,
        header_row=header_row if header_row > 1 else None,
        encoding=base.encoding if base else None,
        delimiter=delimiter if delimiter != "," else None,
        sheet=base.sheet if base else None,
        columns=named,
        values=dict(base.values) if base else {},
        period=base.period if base else None,
        name=name,
        decimal=base.decimal if base else None,
    )


def dump_mapping(mapping: Mapping) -> str:
    """The mapping as TOML text; `load_mapping` reads it back unchanged."""
    lines = [f"# How to read {mapping.kind or 'these'} exports: our column = the export's header."]
    for key in ("kind", "header_row", "encoding", "delimiter", "sheet", "decimal"):
        value = getattr(mapping, key)
        if value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    if mapping.period:
        first, last = mapping.period
        if first == last:
            lines.append(f'date = "{first:%d/%m/%Y}"')
        else:
            lines.append(f'period = "{first:%d/%m/%Y} to {last:%d/%m/%Y}"')
    lines += ["", "[columns]"]
    kind = KINDS.get(mapping.kind or "")
    for name, sources in mapping.columns.items():
        header = kind.column(name).header if kind else name
        written = _toml_value(sources[0]) if len(sources) == 1 else ("[" + ", ".join(map(_toml_value, sources)) + "]")
        lines.append(f"{_toml_value(header)} = {written if sources else _toml_value('')}")
    for name, words in mapping.values.items():
        header = kind.column(name).header if kind else name
        lines += ["", f"[values.{_toml_value(header)}]"]
        lines += [f"{_toml_value(theirs)} = {_toml_value(ours)}" for theirs, ours in words.items()]
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
