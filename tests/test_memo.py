"""Keeping what was computed: a value is computed once however many ask at once; a result's frames equal to one
kept already are held once; a chart builder's figure is kept by its arguments, frames by identity."""

import threading
import time

import pandas as pd

from bsdash import memo
from bsdash.analysis.figures import Table


def test_a_missing_value_is_computed_once_while_others_wait():
    store, calls = memo.Store(10), []

    def slow() -> tuple:
        calls.append(1)
        time.sleep(0.2)
        return "key", 42

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(store.keep(("key",), slow))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 5 and len(calls) == 1


def test_the_least_recently_used_goes_first():
    store = memo.Store(2)
    store.put("a", 1)
    store.put("b", 2)
    store.find("a")
    store.put("c", 3)
    assert [store.find(k)[0] for k in "abc"] == [True, False, True]


def test_equal_frames_in_two_results_are_held_once():
    register = pd.DataFrame({"contract": ["KP-1", "KP-2"], "value": [1.5, 2.5]})
    first = memo.shared_frames((Table("Register", register, "register"), [register.copy()]))
    second = memo.shared_frames({"register": Table("Register", register.copy(), "register")})
    assert second["register"].frame is first[0].frame is first[1][0]
    other = register.assign(value=[1.5, 2.6])
    assert memo.shared_frames(Table("Register", other, "register")).frame is other
    sourced = register.copy()
    sourced.attrs["query"] = {"name": "contract_register"}  # another source: not the same table
    assert memo.shared_frames(sourced) is sourced


def test_a_chart_is_built_once_per_frame_and_arguments():
    built = []

    @memo.remembered
    def chart(frame: pd.DataFrame, title: str) -> str:
        built.append(title)
        return f"{title}: {len(frame)}"

    frame = pd.DataFrame({"x": [1, 2, 3]})
    assert chart(frame, "a") == chart(frame, "a") == "a: 3"
    assert chart(frame, "b") == "b: 3" and chart(frame.copy(), "a") == "a: 3"
    assert built == ["a", "b", "a"]
