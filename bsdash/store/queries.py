"""Named queries: one SQL file per query in queries/, named by its file, with declared parameters.

Each file starts with a header of comment lines:

    -- spend_by_service: Spend per service type in the period
    -- Any further lines describe the query (how a figure is computed, in plain words).
    --
    -- $date_from date: first day of the period
    -- $departments varchar[] optional: department codes; all departments when not given

The registry checks at start-up that each file's name matches its header and that the parameters it
declares are exactly those its SQL uses. Values are always bound as parameters, never written into SQL.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from bsdash.config import QUERIES_DIR

PARAM_TYPES = ("date", "timestamp", "varchar", "varchar[]", "integer", "double", "boolean")
_HEADER = re.compile(r"--\s*(?P<name>[a-z][a-z0-9_]*)\s*:\s*(?P<title>.+)")
_PARAM = re.compile(
    r"--\s*\$(?P<name>[a-z][a-z0-9_]*)\s+(?P<type>[a-z]+(\[\])?)(?P<optional>\s+optional)?"
    r"\s*:\s*(?P<description>.+)"
)
_USED = re.compile(r"\$([a-z_][a-z0-9_]*)")


class QueryError(Exception):
    """A query file is malformed, or a query was asked for with a name or parameter it does not accept."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str

    def convert(self, value: object) -> object:
        """Turn a value (text from the command line or a URL, or a Python value) into the declared type."""
        if value is None or (isinstance(value, str) and value.strip() == "" and self.optional):
            if not self.optional:
                raise QueryError(f"parameter {self.name} needs a value ({self.type})")
            return None
        try:
            return _convert(self.type, value)
        except (ValueError, TypeError) as error:
            raise QueryError(f"parameter {self.name}: '{value}' is not a {self.type} ({error})") from error


def _convert(kind: str, value: object) -> object:
    if kind == "varchar[]":
        items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[arg-type]
        return [str(item).strip() for item in items if str(item).strip()] or None
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        return datetime.strptime(text, "%d/%m/%Y").date() if "/" in text else date.fromisoformat(text)
    if kind == "timestamp":
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if kind == "integer":
        return int(value)  # type: ignore[arg-type]
    if kind == "double":
        return float(value)  # type: ignore[arg-type]
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no", "1", "0"):
            raise ValueError("expected true or false")
        return text in ("true", "yes", "1")
    return str(value)


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sql: str
    path: Path

    def bind(self, values: dict[str, object]) -> dict[str, object]:
        """Check and convert the given values; optional parameters left out are null."""
        accepted = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(accepted))
        if unknown:
            raise QueryError(f"{self.name} does not take {', '.join(unknown)}; it accepts: {self.signature()}")
        missing = [p.name for p in self.params if not p.optional and values.get(p.name) is None]
        if missing:
            raise QueryError(f"{self.name} needs {', '.join(missing)}; it accepts: {self.signature()}")
        return {p.name: p.convert(values.get(p.name)) for p in self.params}

    def signature(self) -> str:
        if not self.params:
            return "no parameters"
        return ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in self.params)


def parse_query_file(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or not (header := _HEADER.fullmatch(lines[0].strip())):
        raise QueryError(f"{path.name}: the first line must be '-- <name>: <title>'")
    name = header.group("name")
    if name != path.stem:
        raise QueryError(f"{path.name}: the header names the query '{name}', but the file is '{path.stem}'")
    description, params, body_start = [], [], len(lines)
    for i, line in enumerate(lines[1:], start=1):
        stripped = line.strip()
        if not stripped.startswith("--"):
            body_start = i
            break
        if match := _PARAM.fullmatch(stripped):
            if match.group("type") not in PARAM_TYPES:
                raise QueryError(
                    f"{path.name}: ${match.group('name')} has type {match.group('type')}; "
                    f"use one of {', '.join(PARAM_TYPES)}"
                )
            params.append(
                Param(
                    match.group("name"),
                    match.group("type"),
                    bool(match.group("optional")),
                    match.group("description").strip(),
                )
            )
        elif stripped.lstrip("-").strip().startswith("$"):
            raise QueryError(
                f"{path.name}: cannot read the parameter line '{stripped}'; "
                "write '-- $name type [optional]: description'"
            )
        elif stripped.strip("- "):
            description.append(stripped.lstrip("-").strip())
    sql = "\n".join(lines[body_start:]).strip().rstrip(";")
    if not sql:
        raise QueryError(f"{path.name}: no SQL after the header")
    used = set(_USED.findall(_without_comments_and_strings(sql)))
    declared = [p.name for p in params]
    if len(set(declared)) != len(declared):
        raise QueryError(f"{path.name}: a parameter is declared twice")
    if used != set(declared):
        problems = []
        if undeclared := sorted(used - set(declared)):
            problems.append(f"uses undeclared {', '.join('$' + u for u in undeclared)}")
        if unused := sorted(set(declared) - used):
            problems.append(f"declares unused {', '.join('$' + u for u in unused)}")
        raise QueryError(f"{path.name}: {' and '.join(problems)}")
    return Query(name, header.group("title").strip(), " ".join(description), tuple(params), sql, path)


def _without_comments_and_strings(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "''", sql)
    return re.sub(r"--[^\n]*", "", sql)


class Registry:
    """Every named query in a folder, checked when loaded."""

    def __init__(self, folder: Path = QUERIES_DIR):
        self.folder = folder
        paths = sorted(folder.glob("*.sql"))
        if not paths:
            raise QueryError(f"no queries in {folder}")
        self.queries = {q.name: q for q in map(parse_query_file, paths)}

    def __contains__(self, name: str) -> bool:
        return name in self.queries

    def names(self) -> list[str]:
        return sorted(self.queries)

    def get(self, name: str) -> Query:
        if name not in self.queries:
            raise QueryError(f"no query named '{name}'; the queries are: {', '.join(self.names())}")
        return self.queries[name]

    def run(self, con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None) -> pd.DataFrame:
        """Run a named query with its parameters bound, returning a DataFrame."""
        query = self.get(name)
        bound = query.bind(params or {})
        return con.execute(query.sql, bound).df()

    def runner(self, con: duckdb.DuckDBPyConnection) -> Callable[[str, Mapping[str, object]], pd.DataFrame]:
        """`run` over one connection, as the figures layer calls it: (query name, parameters) -> DataFrame."""
        return lambda name, params: self.run(con, name, dict(params))


def query_runner(con: duckdb.DuckDBPyConnection) -> Callable[[str, Mapping[str, object]], pd.DataFrame]:
    """The figures layer's runner over a connection, for the command line (the dashboard's caches its results)."""
    return Registry().runner(con)
