"""The Data explorer asks for a query's own inputs (a change date, a service, a contract) before running it: a
query chosen before they are filled says what it needs, instead of failing; a value that is not of its type is
named. On the small database (tests/small.py), so that it runs without the full sample."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bsdash.analysis.figures.explorer import FROM_FILTERS, TYPE_WORDS, input_first, inputs_wanted
from bsdash.store.queries import PARAM_TYPES, Registry
from tests.conftest import ROOT

NEEDS_INPUTS = {  # every named query with an input of its own that it cannot do without
    "benchmark_spend_by_force_and_function": ["Financial year"],
    "cost_per_unit_by_window_month": ["Change date", "Service"],
    "service_level_by_window_month": ["Change date", "Service"],
    "tender_bids_of_contract": ["Contract id"],
    "ticket_outcomes_by_window_month": ["Change date"],
}


@pytest.fixture
def explorer(small_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BSDASH_DB", str(small_db))
    monkeypatch.chdir(ROOT)

    def open_on(choice: str) -> AppTest:
        test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        test.query_params["fy"] = "2024-25"
        test.switch_page("pages/explorer.py")
        test.run()
        test.selectbox(key="explore").set_value(choice).run()
        return test

    return open_on


def shows_a_table(test: AppTest) -> bool:
    return bool(test.dataframe) or any(b.label.startswith("Download") for b in test.get("download_button"))


@pytest.mark.parametrize("name", sorted(NEEDS_INPUTS))
def test_a_query_chosen_before_its_inputs_are_filled_says_what_it_needs(explorer, name):
    test = explorer(name)
    assert not test.exception, test.exception[0].value if test.exception else ""
    inputs = NEEDS_INPUTS[name]
    if len(inputs) == 1:
        expected = f"{name} needs a value for {inputs[0]}: fill it in above to see its rows."
    else:
        expected = f"{name} needs values for {inputs[0]} and {inputs[1]}: fill them in above to see its rows."
    assert [i.value for i in test.info] == [expected]
    assert not shows_a_table(test)


def test_once_filled_the_query_runs_and_shows_its_rows(explorer):
    test = explorer("cost_per_unit_by_window_month")
    [change] = [d for d in test.date_input if d.label == "Change date"]
    change.set_value(date(2024, 7, 1)).run()
    assert [i.value for i in test.info] == [
        "cost_per_unit_by_window_month needs a value for Service: fill it in above to see its rows."
    ]
    [service] = [t for t in test.text_input if t.label == "Service"]
    service.input("it_support").run()
    assert not test.exception and not test.info
    assert test.dataframe and len(test.dataframe[0].value) > 0
    assert "2024-07-01" in test.code[0].value  # the parameters bound, beside the table


def test_a_typed_value_that_is_not_of_its_type_is_named(explorer):
    test = explorer("tickets_behind")
    assert not test.info  # every input of its own is optional: it runs at once
    [used] = [t for t in test.text_input if t.label == "Used from"]
    used.input("half").run()
    assert not test.exception
    assert [i.value for i in test.info] == ["Used from: `half` is not a number."]
    assert not shows_a_table(test)


def test_every_parameter_type_has_words_and_the_queries_that_need_an_input_are_these():
    assert set(TYPE_WORDS) == set(PARAM_TYPES)
    registry = Registry()
    wanting = set()
    for name in registry.names():
        own = [p for p in registry.get(name).params if p.name not in FROM_FILTERS]
        first = {p.name: input_first(p) for p in own if p.type == "integer"}  # as the explorer starts them
        if inputs_wanted(name, own, first):
            wanting.add(name)
    assert wanting == set(NEEDS_INPUTS)
