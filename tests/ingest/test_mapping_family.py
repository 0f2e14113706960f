"""One mapping file serving a family of layouts: candidate headers (the first present wins), "not in this file",
value maps, and a stated period for a file whose own dates are all unusable; and the real Oxford quarters, one of
which has nothing but 00:00:00 in its paid dates."""

from datetime import date
from pathlib import Path

import pytest

from bsdash.ingest.errors import MappingError
from bsdash.ingest.mapping import load_mapping
from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from tests.conftest import bsdash_cli, write_csv

ROOT = Path(__file__).parents[2]
OXFORD = sorted((ROOT.parent / "shared" / "realdata" / "council-spend-oxford").glob("*.csv"))
ZERO_DATES = "expenditure-over-500-apr-jun-2014.csv"
FAMILY = """\
kind = "spend"

[columns]
"Department" = ["Cost Centre Name", "Service Area", "Directorate"]
"Service Type" = ""
"""


def test_the_first_candidate_header_a_file_has_is_taken(reference_db, tmp_path):
    mapping_path = tmp_path / "family.toml"
    mapping_path.write_text(FAMILY)
    mapping = load_mapping(mapping_path)
    header = "Paid Date,Trans No,{},Service,Supplier,Amount"
    first = write_csv(tmp_path / "q1.csv", header.format("Service Area"), "01/04/2024,A1,ICT,IT support,Acme,10")
    second = write_csv(tmp_path / "q2.csv", header.format("Directorate"), "01/07/2024,A2,ICT,IT support,Acme,10")
    reports = [import_file(reference_db, path, "spend", mapping=mapping) for path in (first, second)]
    assert [r.columns["Department"] for r in reports] == ["Service Area", "Directorate"]
    assert all(r.matched_by["Department"] == "mapping file" for r in reports)
    # "Service" would read as our Service Type by its name; the mapping says the family has none.
    assert all("Service Type" not in r.columns for r in reports)
    assert reports[0].ignored_columns == ["Service"]


def test_a_column_the_mapping_names_that_one_file_lacks_is_found_by_matching_instead(reference_db, tmp_path):
    mapping_path = tmp_path / "family.toml"
    mapping_path.write_text(FAMILY)
    path = write_csv(tmp_path / "q3.csv", "Paid Date,Trans No,Department,Supplier,Amount", "01/10/2024,A3,ICT,Acme,10")
    report = import_file(reference_db, path, "spend", mapping=load_mapping(mapping_path))
    assert (report.loaded, report.columns["Department"], report.matched_by["Department"]) == (1, "Department", "name")
    assert report.notes[0] == (
        "the mapping file reads Department from 'Cost Centre Name' or 'Service Area' or 'Directorate', which this "
        "file does not have: it was looked for by name and values instead"
    )


def test_a_required_column_cannot_be_said_to_be_missing(tmp_path):
    path = tmp_path / "wrong.toml"
    path.write_text('kind = "spend"\n[columns]\n"Amount" = ""\n')
    with pytest.raises(MappingError, match="'Amount' cannot be \"not in this file\": every spend export needs it"):
        load_mapping(path)


def test_value_maps_place_a_tools_own_words(reference_db, tmp_path):
    mapping_path = tmp_path / "desk.toml"
    mapping_path.write_text(
        'kind = "tickets"\n\n[values.State]\n"Blocked" = "on hold"\n\n[values.priority]\n"Sev 1" = "P1"\n'
    )
    path = write_csv(
        tmp_path / "desk.csv", "Number,Status,Priority,Created", "T1,Blocked,Sev 1,01/04/2024 09:00", "T2,Done,Sev 2,"
    )
    report = import_file(reference_db, path, "tickets", mapping=load_mapping(mapping_path))
    assert report.reasons == {"Created is missing": 1}
    assert reference_db.execute("select state, priority, source_priority from tickets").fetchall() == [
        ("on hold", "P1", None)
    ]


def test_a_stated_period_dates_the_rows_whose_own_date_is_unusable_and_flags_them(reference_db, tmp_path):
    mapping_path = tmp_path / "period.toml"
    mapping_path.write_text('kind = "spend"\nperiod = "01/04/2014 to 30/06/2014"\n')
    path = write_csv(
        tmp_path / "quarter.csv",
        "Paid Date,Trans No,Department,Supplier,Amount",
        "00:00:00,Q1,ICT,Acme,10.00",
        "00:00:00,Q2,ICT,Acme,20.00",
        "15/05/2014,Q3,ICT,Acme,30.00",
        ",,,Total,60.00",
    )
    report = import_file(reference_db, path, "spend", mapping=load_mapping(mapping_path))
    assert (report.loaded, report.quarantined) == (3, 1)
    assert report.reasons == {"totals row": 1}  # a total row is never dated into a payment
    assert report.notes == [
        "Paid Date: 2 rows with no usable date of their own dated 30/06/2014 (the period 01/04/2014 to 30/06/2014, "
        "stated by the mapping file) and flagged as dated by the mapping"
    ]
    rows = reference_db.execute(
        "select transaction_number, paid_date, paid_date_stated from spend order by 1"
    ).fetchall()
    assert rows == [("Q1", date(2014, 6, 30), True), ("Q2", date(2014, 6, 30), True), ("Q3", date(2014, 5, 15), False)]


pytestmark_realdata = pytest.mark.skipif(not OXFORD, reason="../shared/realdata/ is not here")


@pytestmark_realdata
def test_the_oxford_quarter_of_zero_dates_loads_fully_with_a_mapping_that_states_its_period(tmp_path):
    quarter = next(p for p in OXFORD if p.name == ZERO_DATES)
    mapping = tmp_path / "oxford-apr-jun-2014.toml"
    mapping.write_text('kind = "spend"\nperiod = "01/04/2014 to 30/06/2014"\n')
    database = tmp_path / "oxford.duckdb"
    result = bsdash_cli("--db", str(database), "import", "--kind", "spend", "--mapping", str(mapping), str(quarter))
    assert result.returncode == 0, result.stderr
    assert f"{ZERO_DATES}: spend, read 3,836, loaded 3,836, quarantined 0, duplicates 0" in result.stdout
    assert "Paid Date: 3,836 rows with no usable date of their own dated 30/06/2014" in result.stdout
    con = db.connect(database, read_only=True)
    counted = con.execute(
        "select count(*), count(*) filter (where paid_date_stated and paid_date = date '2014-06-30'), sum(amount) "
        "from spend"
    ).fetchall()[0]
    money = con.execute("select amount_read, amount_loaded from imports").fetchall()[0]
    con.close()
    assert counted[:2] == (3_836, 3_836)
    assert money == (counted[2], counted[2])


@pytestmark_realdata
def test_one_mapping_file_reads_every_oxford_quarter_whose_headers_drift(tmp_path):
    mapping = tmp_path / "oxford.toml"
    mapping.write_text(
        'kind = "spend"\n\n[columns]\n'
        '"Department" = ["Organisational Unit", "Organisatonal Unit", "Service Area"]\n'
        '"Capital or Revenue" = ["Capital or Revenue", "Type", "caporrev"]\n'
        '"Expense Type" = ["Expenditure Category", "Expenditure Unit"]\n'
    )
    database = tmp_path / "oxford.duckdb"
    files = map(str, OXFORD)
    result = bsdash_cli("--db", str(database), "import", "--kind", "spend", "--mapping", str(mapping), *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Department <- ") == 8
    assert result.stdout.count("(mapping file") == 3 * 8
    con = db.connect(database, read_only=True)
    loaded = con.execute("select sum(loaded), sum(quarantined), sum(duplicates) from imports").fetchall()[0]
    con.close()
    assert loaded == (30_559 - 3_837 - 2, 3_837, 2)  # as without a mapping: the zero-date quarter needs its period
