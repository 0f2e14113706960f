"""The figures people ask for most, made before anyone asks: at start-up and whenever new data arrives.

A thread per process computes the figures of every page that reads only the shared filters (Overview, Spend &
budgets, Service levels, Departments with its default comparison, Procurement, Assets, Forecasts, Benchmarks)
into the kept figures (bsdash.ui.cache): every financial year for all departments first, the latest year first,
then each department on its own, year by year. A filter change to any of these then costs a page its drawing
alone. It works only while no page is running, so that nobody waits behind it, and starts again from the top
when the data changes. The server's log says when it has finished, how long it took and how many it made.

BSDASH_WARM=0 turns it off (the benchmark does, to measure figures nobody has asked for); BSDASH_WARM=years warms
every year for all departments only (the tiny benchmark in the tests does, to be quick).
"""

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator

from bsdash.analysis.dates import DataDates
from bsdash.analysis.figures import Runner
from bsdash.analysis.figures.assets import assets
from bsdash.analysis.figures.benchmarks import benchmarks
from bsdash.analysis.figures.departments import default_comparison, departments
from bsdash.analysis.figures.forecasts import forecasts
from bsdash.analysis.figures.overview import overview
from bsdash.analysis.figures.procurement import procurement_figures
from bsdash.analysis.figures.service_levels import service_levels
from bsdash.analysis.figures.spend import spend
from bsdash.analysis.periods import Filters, Period
from bsdash.ui import cache, database, live_data
from bsdash.ui.filters import options_of
from bsdash.ui.startup import give_back_memory, settle_memory

_LOGGER = logging.getLogger(__name__)
FINISHED = "bsdash: figures warmed"  # the log line's start, which the benchmark waits for
THREAD = "bsdash-warm-up"
IDLE_POLL_S = 0.02
# The pages whose figures depend on the shared filters alone: each a function of (filters, runner). The
# Departments page's depend on its comparison too, and are warmed with its default one.
PAGES: tuple[Callable[[Filters, Runner], object], ...] = (
    overview,
    spend,
    service_levels,
    procurement_figures,
    assets,
    forecasts,
    benchmarks,
)


def enabled() -> bool:
    return os.environ.get("BSDASH_WARM", "1") != "0"


def _years_only() -> bool:
    return os.environ.get("BSDASH_WARM") == "years"


def start() -> None:
    """Start the warm-up thread of this process (once; not outside a running server, as in AppTest)."""
    if not enabled() or not live_data.serving():
        return
    with _started:
        global _warmer
        if _warmer is None:
            logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NotOurs())
            _warmer = _Warmer()
            database.after_new_data(_warmer.again)
            _warmer.start()


_started = threading.Lock()
_warmer: "_Warmer | None" = None


def choices(years: list[str], dates: DataDates, departments_known: list[str]) -> Iterator[Filters]:
    """The filters warmed, most asked first: every year for all departments (latest first), then each
    department on its own, each year."""
    latest_first = sorted(years, reverse=True)
    for year in latest_first:
        yield Filters(Period.year(year), dates)
    for department in departments_known:
        for year in latest_first:
            yield Filters(Period.year(year), dates, (department,))


class _Warmer(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name=THREAD, daemon=True)
        self._new_data = threading.Event()

    def again(self) -> None:
        self._new_data.set()

    def run(self) -> None:
        while True:
            self._new_data.clear()
            started, cpu = time.perf_counter(), time.process_time()
            try:
                made = warm_up(self._new_data.is_set, [] if _years_only() else None)
            except Exception:
                _LOGGER.exception("The warm-up stopped; figures are made when first asked for instead.")
            else:
                if made is not None:
                    _LOGGER.warning(
                        "%s: %d for %d choices of the filters in %.1f s (the process used %.1f s of CPU meanwhile)",
                        FINISHED,
                        made,
                        made // (len(PAGES) + 1),
                        time.perf_counter() - started,
                        time.process_time() - cpu,
                    )
            self._new_data.wait()


def warm_up(stop: Callable[[], bool] = lambda: False, departments_alone: list[str] | None = None) -> int | None:
    """Make and keep the figures of every choice warmed, each when no page is running; returns how many, or
    None when `stop()` said to stop first. `departments_alone`: the departments warmed on their own (default
    every one)."""
    choice = cache.kept_for(None, options_of, database.runner)  # kept for the filter panel too
    known = list(choice.departments)
    made = 0
    for filters in choices(choice.years, choice.dates, known if departments_alone is None else departments_alone):
        comparison = default_comparison(filters, known)
        for compute, args in [*((page, ()) for page in PAGES), (departments, (comparison,))]:
            if stop():
                return None
            live_data.wait_until_idle(IDLE_POLL_S)
            cache.kept_for(None, compute, filters, database.runner, *args)
            made += 1
        give_back_memory()
        settle_memory()
    return made


class _NotOurs(logging.Filter):
    """Streamlit warns of a thread running its caches outside a page; this one does so on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD
