"""The warm-up: after it, opening any page it covers on any financial year, for all departments or for one,
computes no figure: each is found kept, as a filter change on a busy server would find it."""

from pathlib import Path

import pytest

from bsdash.ui import cache, warm
from tests.pages.conftest import ROOT

WARMED_PAGES = (
    "overview",
    "spend",
    "service_levels",
    "procurement",
    "assets",
    "forecasts",
    "benchmarks",
    "departments",
)
WARMED = {f"{page.__module__}.{page.__qualname__}" for page in warm.PAGES} | {
    "bsdash.analysis.figures.departments.departments"
}


def computed(keys: set) -> set[str]:
    """The figures-layer functions among `keys` of the kept figures."""
    return {f"{key[0]}.{key[1]}" for key in keys}


@pytest.fixture(scope="module")
def warm_keys(sample_db: Path) -> set:
    """The keys of the figures kept by one warm-up of the sample: every year for all departments and for CYB."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BSDASH_DB", str(sample_db))
        patch.chdir(ROOT)
        cache.clear()
        made = warm.warm_up(departments_alone=["CYB"])  # every department would take minutes here
    years = 5  # the sample's
    assert made == (len(warm.PAGES) + 1) * years * 2
    return set(cache.FIGURES._items)


@pytest.fixture
def warmed(warm_keys: set) -> set:
    """The warm-up's figures, and only them, kept (as a test before may have added others)."""
    for key in set(cache.FIGURES._items) - warm_keys:
        del cache.FIGURES._items[key]
    assert set(cache.FIGURES._items) == warm_keys, "the kept figures were cleared since the warm-up"
    return warm_keys


@pytest.mark.parametrize("page", WARMED_PAGES)
@pytest.mark.parametrize("query", [{"fy": "2022-23"}, {"fy": "2024-25", "dept": "CYB"}])
def test_a_warmed_page_opens_on_kept_figures(app, warmed, page, query):
    shown = app(page, **query)
    assert not shown.exception, shown.exception
    new = set(cache.FIGURES._items) - warmed
    assert computed(new) & WARMED == set(), f"{page} computed figures the warm-up made: {computed(new)}"


def test_a_choice_the_warm_up_leaves_out_is_computed_and_kept(app, warmed):
    shown = app("overview", fy="2024-25", service="fleet")
    assert not shown.exception
    assert computed(set(cache.FIGURES._items) - warmed) == {"bsdash.analysis.figures.overview.overview"}


def test_the_most_asked_for_are_warmed_first():
    from datetime import date

    from bsdash.analysis.dates import DataDates

    dates = DataDates(date(2026, 1, 31), date(2026, 1, 31), date(2025, 12, 31))
    order = [(f.period.financial_year, f.departments) for f in warm.choices(["2023/24", "2024/25"], dates, ["A", "B"])]
    assert order == [
        ("2024/25", ()),
        ("2023/24", ()),
        ("2024/25", ("A",)),
        ("2023/24", ("A",)),
        ("2024/25", ("B",)),
        ("2023/24", ("B",)),
    ]


def test_kept_figures_are_frozen_out_of_the_collectors_sight_once_a_hundred_more_are_kept():
    # Unfrozen, the warm-up's figures made every full collection (one after each run of a page) walk them: a
    # change cost 0.33 s of CPU at ten million payments instead of 0.05 s.
    import gc
    import weakref

    from bsdash.ui import startup

    class Figure:  # a kept figure that refers to itself: only a collection frees it
        def __init__(self) -> None:
            self.itself = self

    cache.clear()
    startup.settle_memory()  # frozen at no figures kept (after a clear, the old ones are unfrozen first)
    frozen = gc.get_freeze_count()
    for n in range(startup.FREEZE_AFTER - 1):
        cache.FIGURES.put(("test", n), [[i] for i in range(10)])
    startup.settle_memory()
    assert gc.get_freeze_count() == frozen  # fewer than a hundred new figures: not worth a full collection
    figure = Figure()
    kept = weakref.ref(figure)
    cache.FIGURES.put(("test", "one more"), figure)
    del figure
    startup.settle_memory()
    assert gc.get_freeze_count() >= frozen + (startup.FREEZE_AFTER - 1) * 11  # every figure's objects frozen
    cache.clear()  # new data: the kept figures let go
    startup.settle_memory()  # and unfrozen first, so that the one in a cycle is collected, not kept for ever
    assert kept() is None


def test_a_full_store_of_figures_is_frozen_again_as_new_figures_replace_old_ones(monkeypatch):
    # At its bound the store keeps its size while new figures push the oldest out: those new ones count.
    import gc

    from bsdash.ui import startup

    cache.clear()
    monkeypatch.setattr(cache.FIGURES, "limit", 10)
    for n in range(10):
        cache.FIGURES.put(("full", n), [[n]])
    startup.settle_memory()
    frozen = gc.get_freeze_count()
    for n in range(10, 10 + startup.FREEZE_AFTER):
        cache.FIGURES.put(("full", n), [[i] for i in range(10)])
    assert len(cache.FIGURES) == 10
    startup.settle_memory()
    assert gc.get_freeze_count() > frozen  # the newest ten figures' objects, frozen
    cache.clear()
