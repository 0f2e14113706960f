"""The pages on a database holding only a real export: ServiceNow's incident event log."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bsdash import formatting as fmt
from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from bsdash.store.queries import Registry

ROOT = Path(__file__).parents[2]
SERVICENOW = ROOT.parent / "shared" / "realdata" / "servicenow-incident-log" / "incident_event_log.csv"
PERIOD = {"date_from": "2016-02-29", "date_to": "2017-02-28"}


@pytest.fixture(scope="module")
def servicenow_db(tmp_path_factory) -> Path:
    if not SERVICENOW.exists():
        pytest.skip("../shared/realdata/ is not here")
    database = tmp_path_factory.mktemp("servicenow") / "servicenow.duckdb"
    con = db.connect(database)
    import_file(con, SERVICENOW, "tickets")
    con.close()
    return database


def test_the_service_levels_page_shows_servicenow_compliance_and_no_made_up_first_contact_rate(
    servicenow_db, monkeypatch
):
    monkeypatch.setenv("BSDASH_DB", str(servicenow_db))
    monkeypatch.chdir(ROOT)
    page = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    page.query_params["from"] = PERIOD["date_from"]
    page.query_params["to"] = PERIOD["date_to"]
    page.run()
    page.switch_page("pages/service_levels.py")
    page.run()
    assert not page.exception
    tiles = {m.label: m.value for m in page.metric}
    con = db.connect(servicenow_db, read_only=True)
    by_priority = Registry().run(con, "sla_compliance_by_priority", PERIOD)
    con.close()
    compliance = by_priority["resolved_within_sla"].sum() / by_priority["tickets_resolved"].sum()
    assert tiles["SLA compliance"] == fmt.percent(compliance)
    assert tiles["First-contact resolution"] == "–"  # the event log does not say, so no rate is shown
