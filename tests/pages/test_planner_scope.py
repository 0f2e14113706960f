"""A planner sees no row of another department anywhere in the Data explorer, quarantined or not.

Rows only the Maidstone neighbourhood team owns are planted in a copy of the sample, each carrying a marker in
the text that identifies it (a payment's transaction number, a ticket's number, an asset's model, a quarantined
row's raw text and the reason quoting it, an unmapped label). A planner of the Cyber Crime Unit then opens every
dataset and named query the explorer offers, as a link to it would, over the whole period: no marker of the
other department is anywhere in what is shown; their own rows are. An analyst finds every marker, so the
markers are there to be found.

Force-wide figures (spend per department or supplier, budgets, the registers of contracts and licences) stay
visible to planners by design: they are figures and registers, not rows of a department's payments, tickets or
assets (README, Sign-in and roles).
"""

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from tests.conftest import SampleBuild
from tests.pages.conftest import signed_in_opener

OTHER = "Maidstone Neighbourhood Policing Team"
OWN = "Cyber Crime Unit"
PLANNER = {"oid": "7c0f3d2b-scope-planner", "email": "pat.planner@kent.police.uk", "name": "Pat Planner"}
ANALYST = {"oid": "1a2b3c4d-scope-analyst", "email": "sam.analyst@kent.police.uk", "roles": ["analyst"]}
ACCESS_FILE = '[users."pat.planner@kent.police.uk"]\nrole = "planner"\ndepartments = ["CYB"]\n'
# The whole of the sample's data, and the planted rows' month.
PERIOD = {"from": "2021-04-01", "to": "2026-03-31"}
# Markers of the other department's rows, each where it would leak from: the explorer must show none to a planner.
OTHER_MARKERS = {
    "ZZOTHERPAY1": "a payment's transaction number",
    "ZZOTHERTKT1": "a ticket's number",
    "ZZOTHERMODEL": "an asset's model",
    "ZZOTHERQUAR1": "a quarantined row's transaction number",
    "ZZOTHERDATE": "a quarantined row's paid date, quoted by its reason",
    "ZZOTHERLABEL": "an unmapped service-area label of a payment",
}
OWN_MARKERS = {"ZZOWNPAY1": "payments", "ZZOWNTKT1": "ticket_list", "ZZOWNMODEL": "asset_register"}


def rewrite(source: Path, target: Path, rows: list[dict[str, str]]) -> Path:
    """An export in the layout of a sample file, holding only `rows` (columns as the sample file names them)."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        template = next(reader)
        headers = reader.fieldnames or []
    out = io.StringIO()
    writer = csv.DictWriter(out, headers, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**template, **row})
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def planted_db(sample_build: SampleBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scope")
    database = folder / "bsdash.duckdb"
    shutil.copy(sample_build.database, database)
    exports = sample_build.exports
    payment = {"Paid Date": "15/01/2026", "Amount": "9999999.00"}
    spend = rewrite(
        next((exports / "spend").glob("*.csv")),
        folder / "spend-planted.csv",
        [
            {
                **payment,
                "Transaction Number": "ZZOTHERPAY1",
                "Department": OTHER,
                "Service Type": "ZZOTHERLABEL",
                "Expense Type": "Sundry oddments",  # nor does its expense type say which service it is
            },
            {**payment, "Transaction Number": "ZZOWNPAY1", "Department": OWN},
            {**payment, "Transaction Number": "ZZOTHERQUAR1", "Department": OTHER, "Paid Date": "ZZOTHERDATE"},
        ],
    )
    ticket = {"Opened": "31/01/2026 23:00", "Assigned": "", "Resolved": "", "Closed": "", "State": "new"}
    tickets = rewrite(
        next((exports / "tickets").glob("*.csv")),
        folder / "tickets-planted.csv",
        [
            {**ticket, "Number": "ZZOTHERTKT1", "Caller Department": OTHER},
            {**ticket, "Number": "ZZOWNTKT1", "Caller Department": OWN},
        ],
    )
    assets = rewrite(
        exports / "assets" / "asset-register.csv",
        folder / "assets-planted.csv",
        [
            {"Asset Tag": "ZZOTHERAST1", "Model": "ZZOTHERMODEL", "Department": OTHER},
            {"Asset Tag": "ZZOWNAST1", "Model": "ZZOWNMODEL", "Department": OWN},
        ],
    )
    con = db.connect(database)
    try:
        reports = [import_file(con, path, kind) for path, kind in ((spend, "spend"), (tickets, "tickets"))]
        # An asset register is a snapshot: the planted one holds only two assets, which is all this test needs.
        reports.append(import_file(con, assets, "assets"))
    finally:
        con.close()
    assert [(r.loaded, r.quarantined) for r in reports] == [(2, 1), (2, 0), (2, 0)], [r.summary() for r in reports]
    return database


@pytest.fixture
def explore_as(planted_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every choice of the Data explorer as `person` sees it: {query name: the table shown (None when empty)}."""
    open_as = signed_in_opener(planted_db, tmp_path, monkeypatch, ACCESS_FILE)
    con = db.connect(planted_db, read_only=True)
    contract = db.scalar(con, "select contract_id from tender_bids order by contract_id limit 1")
    con.close()

    def explore(person: dict) -> dict[str, pd.DataFrame | None]:
        test = open_as("explorer", person, **PERIOD)
        box = test.selectbox(key="explore")
        # Each choice is labelled "Payments (spend over £500)  (payments)" or "name: title".
        names = [o.rsplit("  (", 1)[1][:-1] if o.endswith(")") else o.split(":")[0] for o in box.options]
        shown = {}
        for name in names:
            test.selectbox(key="explore").set_value(name).run()
            if any("fill" in i.value for i in test.info):  # a query asking for inputs of its own
                fill_inputs(test, contract)
                test.run()
            assert not test.exception, f"{name}: {test.exception[0].value}"
            assert not test.error, f"{name}: {[e.value for e in test.error]}"
            shown[name] = test.dataframe[0].value if test.dataframe else None
        return shown

    return explore


def fill_inputs(test: AppTest, contract: str) -> None:
    """The explorer's inputs for a query's own parameters, given what a person would type."""
    typed = {"Financial year": "2024/25", "Service": "it_support", "Contract id": contract}
    for box in test.text_input:
        if box.label in typed:
            box.input(typed[box.label])
    for box in test.date_input:
        if box.label == "Change date":
            box.set_value(date(2023, 10, 1))


def markers_in(frame: pd.DataFrame | None, markers: dict[str, str]) -> set[str]:
    if frame is None:
        return set()
    text = frame.to_csv(index=False)
    return {marker for marker in markers if marker in text}


def test_a_planner_sees_no_row_of_another_department_in_any_dataset_or_query_of_the_explorer(explore_as):
    shown = explore_as(PLANNER)
    assert len(shown) >= 50  # every dataset and named query the explorer offers
    leaks = {name: sorted(markers_in(frame, OTHER_MARKERS)) for name, frame in shown.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
    for marker, name in OWN_MARKERS.items():  # their own department's rows are there
        assert marker in markers_in(shown[name], OWN_MARKERS), name
    for name in ("quarantined_rows", "quarantine_by_reason", "unmapped_labels"):
        assert shown[name] is None, name  # quarantined rows and unmapped labels belong to no department


def test_an_analyst_finds_every_planted_row(explore_as):
    shown = explore_as(ANALYST)
    found = set().union(*(markers_in(frame, OTHER_MARKERS) for frame in shown.values()))
    assert found == set(OTHER_MARKERS)
    assert {"ZZOTHERQUAR1", "ZZOTHERDATE"} <= markers_in(shown["quarantined_rows"], OTHER_MARKERS)
    assert "ZZOTHERDATE" in markers_in(shown["quarantine_by_reason"], OTHER_MARKERS)  # the reason quotes the row
    assert "ZZOTHERLABEL" in markers_in(shown["unmapped_labels"], OTHER_MARKERS)
