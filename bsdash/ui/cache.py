"""The figures layer's results made once per parameters and data version, shared by every session of this process.

`cached(compute)(*args)` calls a figures-layer function (overview, spend, ...) once per arguments, database file
and version, and who may see which rows; every session asking the same gets the same object (read only: nothing
downstream changes a figure or a frame). The dashboard's runner among the arguments is replaced by one bound to
who is looking, so that the result does not depend on the session that made it. A result that ran no row-level
query (none of those with `$allowed_departments`) is the same for everyone and is kept once, for everyone: a
planner's overview is the warmed overview (bsdash.ui.warm).

Two sessions asking at once for what is not kept yet compute it once: the second waits for the first. The
version is in every key, so new data is never hidden; when it arrives, the kept figures and charts are dropped.
"""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from bsdash import memo
from bsdash.ui import database

P = ParamSpec("P")
T = TypeVar("T")
# A page's figures at every year, for all departments and for each, and a few hundred other choices.
FIGURES = memo.Store(3000)
_EVERYONE = "everyone"  # the scope of a result that no row-level query went into


def cached(compute: Callable[P, T]) -> Callable[P, T]:
    """`compute` (a figures-layer function taking the dashboard's `runner` among its arguments), kept by its
    arguments, the data's version and who may see which rows."""

    @wraps(compute)
    def kept(*args: P.args, **kwargs: P.kwargs) -> T:
        return kept_for(database.current_scope(), compute, *args, **kwargs)

    return kept


def kept_for(scope: list[str] | None, compute: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`compute(*args, **kwargs)` as kept for someone who may see the rows of `scope` (None: every row)."""
    shared = database.shared_database()
    named = tuple("<runner>" if a is database.runner else a for a in args)
    base = (compute.__module__, compute.__qualname__, memo.frozen(named), memo.frozen(kwargs))
    base += (str(shared.path), shared.version())

    everyone, theirs = (*base, _EVERYONE), (*base, memo.frozen(scope))

    def run() -> tuple:
        runner = database.ScopedRunner(scope)
        value = compute(*(runner if a is database.runner else a for a in args), **kwargs)
        return (theirs if runner.scoped else everyone), memo.shared_frames(value)

    return FIGURES.keep((everyone, theirs), run)


def clear() -> None:
    """New data: forget every figure and chart."""
    FIGURES.clear()
    memo.CHARTS.clear()


database.after_new_data(clear)
