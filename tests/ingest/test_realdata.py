"""The real exports in ../shared/realdata/: Oxford's drifting spend files and a ServiceNow incident event log.

Read in place, never copied into the project.
"""

import csv
from pathlib import Path

import pytest

from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from bsdash.store.queries import Registry
from tests.conftest import ROOT, bsdash_cli, table_counts

REALDATA = ROOT.parent / "shared" / "realdata"
OXFORD = sorted((REALDATA / "council-spend-oxford").glob("*.csv"))
SERVICENOW = REALDATA / "servicenow-incident-log" / "incident_event_log.csv"
OXFORD_EXPENSE_MAP = ROOT / "data" / "mappings" / "oxford-expense-types.csv"

pytestmark = pytest.mark.skipif(not OXFORD or not SERVICENOW.exists(), reason="../shared/realdata/ is not here")


def data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.fixture(scope="module")
def oxford(tmp_path_factory):
    """The eight quarterly files imported in one command into a new database."""
    database = tmp_path_factory.mktemp("oxford") / "oxford.duckdb"
    return database, bsdash_cli("--db", str(database), "import", "--kind", "spend", *map(str, OXFORD))


def test_all_eight_oxford_files_import_in_one_command(oxford):
    _, result = oxford
    assert result.returncode == 0, result.stderr
    assert len(OXFORD) == 8
    assert result.stdout.count(": spend, read ") == 8


def test_every_oxford_file_accounts_for_each_of_its_data_rows(oxford):
    database, _ = oxford
    con = db.connect(database, read_only=True)
    imports = con.execute("select file_name, rows_read, loaded, quarantined, duplicates from imports").fetchall()
    con.close()
    by_file = {name: counts for name, *counts in imports}
    assert set(by_file) == {p.name for p in OXFORD}
    for path in OXFORD:
        read, loaded, quarantined, duplicates = by_file[path.name]
        assert read == loaded + quarantined + duplicates, path.name
        assert read == data_rows(path), path.name
    assert sum(counts[0] for counts in by_file.values()) == 30_559


def test_oxford_drift_is_read_and_its_faults_quarantined_with_reasons(oxford):
    database, result = oxford
    con = db.connect(database, read_only=True)
    reasons = dict(con.execute("select file_name || ': ' || reason, count(*) from quarantine group by all").fetchall())
    spend = con.execute("select count(*), count(distinct source_department) from spend").fetchall()[0]
    con.close()
    assert reasons == {
        # every row of this quarter has 00:00:00 for its paid date: none is given a made-up date
        "expenditure-over-500-apr-jun-2014.csv: Paid Date '00:00:00' is not a date (dd/mm/yyyy)": 3_836,
        "expenditure-over-500-jan-mar-2014.csv: junk row: mostly empty, with no trans_no": 1,
    }
    assert spend[0] == 30_559 - 3_837 - 2  # two rows repeat exactly within jul-sep-2015
    assert "Department <- 'Organisatonal Unit' (close spelling of 'Organisational Unit')" in result.stdout
    assert "Expense Type <- 'Expenditure Unit' (other name)" in result.stdout


def test_importing_the_oxford_files_again_loads_nothing_new(oxford, tmp_path):
    database, _ = oxford
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(database.read_bytes())
    con = db.connect(copy)
    before = table_counts(con)
    reports = [import_file(con, path, "spend") for path in OXFORD]
    forced = import_file(con, OXFORD[1], "spend", force=True)
    after = table_counts(con)
    con.close()
    assert all(r.skipped and "same content" in r.skipped for r in reports)
    assert forced.loaded == 0 and forced.duplicates == forced.rows_read
    assert after["spend"] == before["spend"]


def test_the_oxford_expense_type_mapping_puts_payments_on_our_services(reference_db):
    for path in OXFORD:
        import_file(reference_db, path, "spend")
    report = import_file(reference_db, OXFORD_EXPENSE_MAP, "reference_map")
    assert report.quarantined == 0 and report.loaded > 60
    by_service = dict(
        reference_db.execute(
            "select service_id, count(*) from spend where service_id is not null group by all"
        ).fetchall()
    )
    assert set(by_service) == {
        "it_support",
        "printing",
        "legal",
        "security_systems",
        "fleet",
        "catering",
        "training",
        "facilities",
    }
    software = reference_db.execute(
        "select distinct service_id from spend where expense_type = 'Software Maintenance/Running Costs'"
    ).fetchall()
    assert software == [("it_support",)]
    # A council department is no police department: kept under its own name, and listed for the analyst.
    unmapped = Registry().run(reference_db, "unmapped_labels")
    direct = unmapped[(unmapped["kind"] == "department") & (unmapped["label"] == "Direct Services")].iloc[0]
    assert direct["shown_as"] == "Unmapped: Direct Services"
    assert direct["rows_count"] > 10_000


@pytest.fixture(scope="module")
def servicenow(tmp_path_factory):
    database = tmp_path_factory.mktemp("servicenow") / "servicenow.duckdb"
    return database, bsdash_cli("--db", str(database), "import", "--kind", "tickets", str(SERVICENOW))


def test_the_servicenow_event_log_gives_one_ticket_per_incident(servicenow):
    database, result = servicenow
    assert result.returncode == 0, result.stderr
    assert "incident_event_log.csv: tickets, read 119,998 updates, loaded 119,998 into 20,769 tickets" in result.stdout
    # Two updates carry the state '-100', which no vocabulary places: loaded, and listed for the analyst to map.
    assert "State: values no vocabulary places, loaded as not given" in result.stdout
    assert "where a record is left with one): '-100' (2)" in result.stdout
    assert "derived: Assigned = the time of the first event showing an assignee" in result.stdout
    con = db.connect(database, read_only=True)
    tickets, states = con.execute(
        "select count(*), list(distinct state order by state) filter (where state is not null) from tickets"
    ).fetchall()[0]
    imports = con.execute("select rows_read, loaded, quarantined, duplicates, records from imports").fetchall()
    unplaced = Registry().run(con, "unmapped_labels").query("kind == 'ticket state'")
    con.close()
    assert tickets == 20_769
    assert states == ["closed", "new"]  # the log stops part-way through its last incident
    assert imports == [(119_998, 119_998, 0, 0, 20_769)]
    assert unplaced.empty  # both are updates in the middle of INC0028089, which ends closed


def test_the_servicenow_tickets_give_sla_compliance_and_time_to_resolve(servicenow):
    database, _ = servicenow
    con = db.connect(database, read_only=True)
    frame = Registry().run(con, "sla_compliance_by_priority", {"date_from": "2016-01-01", "date_to": "2017-12-31"})
    flagged = con.execute("select count(*) filter (where sla_met), count(sla_met) from tickets").fetchall()[0]
    con.close()
    assert frame["tickets_resolved"].sum() == 20_768
    assert frame["resolved_within_sla"].sum() == flagged[0]  # the export's own made_sla flag
    assert frame["median_hours_to_resolve"].notna().all()
