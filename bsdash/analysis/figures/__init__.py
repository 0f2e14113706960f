"""The figures layer: for each page, everything it draws, computed once, here, without Streamlit.

A page reads the filters, calls its module's function with them and a query runner, and draws what comes back:
tables (each a frame with its title, column headings and the named queries it came from), headline figures
with their traffic lights, sentences and notices. No arithmetic, reshaping or judgement is left to the page.

The runner is any callable `(query name, parameters) -> DataFrame`: the dashboard passes its cached query
(bound to who is looking), the tests one over a DuckDB connection.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from bsdash.analysis.measures import Status

Runner = Callable[[str, Mapping[str, object]], pd.DataFrame]


@dataclass(frozen=True)
class Source:
    """A named query and the parameters it ran with."""

    name: str
    parameters: Mapping[str, object]


@dataclass(frozen=True)
class Table:
    """A table as the page shows and downloads it.

    `columns` maps the frame's columns to headings, in the order shown (None: every column, headings inferred);
    `kinds` overrides how a column is shown (money, pence, percent, count, number, hours, date, month, text);
    `sources` are the named queries it was made from, `derived` says what was done to them, if anything.
    """

    title: str
    frame: pd.DataFrame
    file_name: str
    columns: Mapping[str, str] | None = None
    kinds: Mapping[str, str] | None = None
    sources: tuple[Source, ...] = ()
    derived: str | None = None

    @property
    def empty(self) -> bool:
        return self.frame.empty


@dataclass(frozen=True)
class Headline:
    """A headline figure: its value as shown, its traffic light, its change and what it means."""

    label: str
    value: str
    status: Status | None = None
    delta: str | None = None
    delta_good_when: str = "normal"
    help: str | None = None
    note: str | None = None


SOURCE = "bsdash_source"


@dataclass(frozen=True)
class Fetch:
    """Runs named queries through the runner; each result carries its query and parameters, for its table."""

    run: Runner

    def __call__(self, name: str, **params: object) -> pd.DataFrame:
        frame = self.run(name, params)
        recorded = frame.attrs.get("query")
        bound = recorded.get("parameters") if isinstance(recorded, Mapping) else None
        frame.attrs[SOURCE] = Source(name, dict(bound if bound is not None else params))
        return frame


def table(
    title: str,
    frame: pd.DataFrame,
    file_name: str,
    *,
    columns: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    made_from: tuple[pd.DataFrame, ...] = (),
    derived: str | None = None,
) -> Table:
    """A Table of `frame`, sourced from the queries that made it (`frame` itself, or `made_from`)."""
    sources: list[Source] = []
    for made in made_from or (frame,):
        source = made.attrs.get(SOURCE)
        if source is not None and source not in sources:
            sources.append(source)
    return Table(title, frame, file_name, columns, kinds, tuple(sources), derived)
