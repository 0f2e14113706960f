"""Keeping what was computed, for the dashboard's many sessions: a bounded store that computes a missing value once
however many ask at the same moment, the hashable form of an argument, and a decorator that keeps a chart
builder's figures.

A filter change reruns a page for one session, and much of what it does then was done already, for this session
or another: the figures layer's arithmetic over the same query results (kept by bsdash.ui.cache), the Plotly
figures built from them (kept here, `remembered`). Frames are recognised by identity: they come from a kept
result, and each entry holds its frames, so that an identity is never reused while it is kept.
"""

import dataclasses
import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from datetime import date
from enum import Enum
from functools import wraps
from typing import ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
T = TypeVar("T")


class Store:
    """A bounded map, least recently used out first, where a missing value is computed once however many ask."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        # Values put in and clears since the start: what is new since a moment, even once the oldest go out.
        self.added = 0
        self.clears = 0

    def __len__(self) -> int:
        return len(self._items)

    def find(self, key: Hashable) -> tuple[bool, object]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
        return False, None

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            self.added += 1
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.clears += 1

    def keep(self, keys: tuple[Hashable, ...], compute: Callable[[], tuple[Hashable, T]]) -> T:
        """The value under the first of `keys` found; else `compute()` -> (key to keep it under, value), run by one
        caller at a time for the same `keys[0]` (the others wait, then look again)."""
        while True:
            for key in keys:
                found, value = self.find(key)
                if found:
                    return value  # type: ignore[return-value]
            with self._lock:
                waiting = self._pending.get(keys[0])
                if waiting is None:
                    mine = self._pending[keys[0]] = threading.Event()
            if waiting is not None:
                waiting.wait()
                continue
            try:
                key, value = compute()
                self.put(key, value)
                return value
            finally:
                with self._lock:
                    del self._pending[keys[0]]
                mine.set()


def frozen(value: object) -> Hashable:
    """A hashable stand-in for an argument, equal for equal arguments: dataclasses, mappings and sequences by their
    contents, frames by identity."""
    if value is None or isinstance(value, str | int | float | bool | date | Enum):
        return value
    if isinstance(value, pd.DataFrame | pd.Series):
        return ("frame", id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, tuple(frozen(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return ("{}", tuple(sorted(((repr(k), frozen(v)) for k, v in value.items()), key=lambda kv: kv[0])))
    if isinstance(value, list | tuple):
        return ("[]", tuple(frozen(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(frozen(v) for v in value))
    hash(value)
    return value


def frames_in(values: tuple) -> tuple[pd.DataFrame | pd.Series, ...]:
    return tuple(v for v in values if isinstance(v, pd.DataFrame | pd.Series))


CHARTS = Store(6000)


def remembered(builder: Callable[P, T]) -> Callable[P, T]:
    """Keep `builder`'s result by its arguments (frames by identity): a chart drawn again from the same kept
    figures is not built again. The result is shared: nothing may change it."""

    @wraps(builder)
    def kept(*args: P.args, **kwargs: P.kwargs) -> T:
        key = (builder.__module__, builder.__qualname__, frozen(args), frozen(kwargs))

        def build() -> tuple[Hashable, T]:
            # The frames are held with the figure, so that their identities stay theirs while it is kept.
            return key, (frames_in((*args, *kwargs.values())), builder(*args, **kwargs))  # type: ignore[return-value]

        return CHARTS.keep((key,), build)[1]  # type: ignore[index]

    return kept


_FRAMES: "weakref.WeakValueDictionary[tuple, pd.DataFrame]" = weakref.WeakValueDictionary()
_FRAMES_LOCK = threading.Lock()


def shared_frames(value: T) -> T:
    """`value` with each frame in it (in dataclasses, tuples, lists and dicts, as the figures layer returns them)
    replaced by an equal one already kept, where there is one: many kept results hold the same table (the
    contract register is the same whichever department is chosen), and then hold it once."""
    if isinstance(value, pd.DataFrame):
        return _canonical(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            before = getattr(value, field.name)
            after = shared_frames(before)
            if after is not before:
                changed[field.name] = after
        return dataclasses.replace(value, **changed) if changed else value  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        items = [shared_frames(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) or type(value) is tuple else value  # type: ignore[return-value]
    if isinstance(value, dict):
        items = {k: shared_frames(v) for k, v in value.items()}
        return items if any(items[k] is not v for k, v in value.items()) else value  # type: ignore[return-value]
    return value


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    try:
        rows = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    except TypeError:  # a column of lists or dicts: kept as it is
        return frame
    key = (
        hashlib.blake2b(rows, digest_size=16).digest(),
        tuple(map(str, frame.columns)),
        tuple(map(str, frame.dtypes)),
        repr(frame.attrs),
    )
    with _FRAMES_LOCK:
        kept = _FRAMES.get(key)
        if kept is None:
            _FRAMES[key] = frame
            return frame
    return kept
