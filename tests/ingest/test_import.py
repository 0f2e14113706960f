"""The import pipeline: every row accounted for, nothing imported twice, a bad file changes nothing."""

import getpass
import json
from pathlib import Path

import pytest

from bsdash.governance.audit import AuditLog, audit_path
from bsdash.ingest.errors import ExportError
from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from tests.conftest import bsdash_cli, table_counts, write_csv

SPEND_HEADER = (
    "Body Name,Paid Date,Transaction Number,Department,Service Type,Expense Type,Capital or Revenue,"
    "Supplier Name,Supplier ID,Amount"
)


def spend_row(
    number: str,
    *,
    date: str = "03/04/2024",
    department: str = "Cyber Crime Unit",
    amount: str = "1234.50",
    supplier: str = "Forensic Data Systems Ltd",
) -> str:
    return (
        f"Kent Police,{date},{number},{department},IT support & maintenance,Software licences,Revenue,"
        f"{supplier},V1,{amount}"
    )


def test_every_sample_file_accounts_for_every_row(sample_build):
    for report in sample_build.reports:
        assert report.rows_read == report.loaded + report.quarantined + report.duplicates, report.summary()
    con = db.connect(sample_build.database, read_only=True)
    mismatched = con.execute(
        "select count(*) from imports where rows_read <> loaded + quarantined + duplicates"
    ).fetchall()[0][0]
    quarantined = con.execute("select sum(quarantined) from imports").fetchall()[0][0]
    kept = con.execute("select count(*) from quarantine").fetchall()[0][0]
    con.close()
    assert mismatched == 0
    assert quarantined == kept > 0  # the sample's faulty rows are kept, each with its reason


def test_rows_read_matches_the_files_data_rows(sample_build):
    for report in sample_build.reports:
        path = next(sample_build.exports.rglob(report.file_name))
        data_lines = len(path.read_text(encoding="utf-8").splitlines()) - 1
        assert report.rows_read == data_lines, report.file_name


def test_importing_every_sample_export_again_changes_no_count(sample_build, writable_sample_db):
    con = db.connect(writable_sample_db)
    before = table_counts(con)
    for report in sample_build.reports:
        again = import_file(con, next(sample_build.exports.rglob(report.file_name)), report.kind)
        assert again.skipped and "same content" in again.skipped
    assert table_counts(con) == before
    con.close()


def test_forced_reimport_finds_every_row_a_duplicate(sample_build, writable_sample_db):
    con = db.connect(writable_sample_db)
    before = table_counts(con)
    report = next(r for r in sample_build.reports if r.kind == "spend")
    again = import_file(con, next(sample_build.exports.rglob(report.file_name)), "spend", force=True)
    assert again.loaded == 0
    assert again.duplicates == report.loaded + report.duplicates
    assert again.quarantined == report.quarantined
    after = table_counts(con)
    assert after["spend"] == before["spend"]
    assert after["imports"] == before["imports"] + 1
    con.close()


def test_a_broken_row_is_quarantined_with_its_reason_and_the_good_rows_load(reference_db, tmp_path):
    path = write_csv(
        tmp_path / "spend-2024-04.csv",
        SPEND_HEADER,
        spend_row("AP1"),
        spend_row("AP2", date="00:00:00"),
        spend_row("AP3", amount="twelve"),
        spend_row("AP4", amount="(12.00)"),
        spend_row("AP5", amount='"£1,000.00"'),
    )
    report = import_file(reference_db, path, "spend")
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == (5, 3, 2, 0)
    rows = reference_db.execute(
        "select row_number, reason, raw_row from quarantine where import_id = $id order by row_number",
        {"id": report.import_id},
    ).fetchall()
    assert rows[0][:2] == (3, "Paid Date '00:00:00' is not a date (dd/mm/yyyy)")
    assert rows[1][:2] == (4, "Amount 'twelve' is not an amount of money")
    assert '"Transaction Number":"AP3"' in rows[1][2]
    amounts = dict(reference_db.execute("select transaction_number, amount::double from spend").fetchall())
    assert amounts == {"AP1": 1234.5, "AP4": -12.0, "AP5": 1000.0}


def test_a_line_with_too_many_fields_is_quarantined_with_its_line_number(reference_db, tmp_path):
    path = write_csv(
        tmp_path / "spend.csv",
        SPEND_HEADER,
        spend_row("AP1"),
        spend_row("AP2") + ",extra",
        spend_row("AP3"),
        spend_row("AP4", date="31/02/2024"),
    )
    report = import_file(reference_db, path, "spend")
    assert (report.rows_read, report.loaded, report.quarantined) == (4, 2, 2)
    rows = {r[0]: r[1:] for r in reference_db.execute("select row_number, reason, raw_row from quarantine").fetchall()}
    # The line is kept as written, with its field count; no value is shifted into another column.
    assert rows[3][0] == "long row: 11 fields where the header has 10; kept as written, nothing shifted"
    assert json.loads(rows[3][1]) == {"line": spend_row("AP2") + ",extra"}
    assert rows[5][0] == "Paid Date '31/02/2024' is not a date (dd/mm/yyyy)"
    assert reference_db.execute("select transaction_number from spend order by 1").fetchall() == [("AP1",), ("AP3",)]


def test_a_line_with_too_few_fields_is_quarantined_with_its_field_count_and_never_shifted(reference_db, tmp_path):
    short = spend_row("AP2").rsplit(",", 2)[0]  # the supplier's reference and the amount are lost
    path = write_csv(tmp_path / "spend.csv", SPEND_HEADER, spend_row("AP1"), short, spend_row("AP3"))
    report = import_file(reference_db, path, "spend")
    assert (report.rows_read, report.loaded, report.quarantined) == (3, 2, 1)
    assert report.reasons == {"short row: 8 fields where the header has 10; kept as written, nothing shifted": 1}
    assert report.examples[next(iter(report.reasons))] == [3]
    raw = reference_db.execute("select raw_row from quarantine where row_number = 3").fetchall()[0][0]
    assert json.loads(raw) == {"line": short}


def test_a_transaction_already_loaded_with_other_values_is_quarantined_not_overwritten(reference_db, tmp_path):
    import_file(reference_db, write_csv(tmp_path / "a.csv", SPEND_HEADER, spend_row("AP1")), "spend")
    report = import_file(
        reference_db,
        write_csv(tmp_path / "b.csv", SPEND_HEADER, spend_row("AP1", amount="99"), spend_row("AP2")),
        "spend",
    )
    assert (report.loaded, report.quarantined, report.duplicates) == (1, 1, 0)
    assert "'AP1' is already loaded with different values" in next(iter(report.reasons))
    assert reference_db.execute("select amount::double from spend where transaction_number = 'AP1'").fetchall() == [
        (1234.5,)
    ]


def test_a_repeated_row_within_a_file_is_a_duplicate_and_a_changed_one_a_conflict(reference_db, tmp_path):
    path = write_csv(
        tmp_path / "spend.csv", SPEND_HEADER, spend_row("AP1"), spend_row("AP1"), spend_row("AP1", amount="5")
    )
    report = import_file(reference_db, path, "spend")
    assert (report.loaded, report.duplicates, report.quarantined) == (1, 1, 1)
    assert report.reasons == {
        "Transaction Number 'AP1' appears again in this file with different values (first at row 2)": 1
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip or Excel workbook"),
        (
            SPEND_HEADER.replace("Amount", "Value Paid").encode() + b"\n" + spend_row("AP1").encode(),
            "no column for 'Amount' in this spend export. Columns seen: 'Body Name', 'Paid Date'",
        ),
        # UTF-16 (Excel's "Unicode text") is read; this one names no one paid or charged.
        ("Paid Date,Amount\n01/04/2024,£12\n".encode("utf-16"), "no column for 'Supplier Name' or 'Department'"),
    ],
)
def test_a_file_that_cannot_be_read_changes_nothing_and_says_why(reference_db, tmp_path, content, message):
    before = table_counts(reference_db)
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ExportError, match=r"broken\.csv") as raised:
        import_file(reference_db, path, "spend")
    assert message in str(raised.value)
    assert table_counts(reference_db) == before


def test_a_failure_half_way_through_rolls_the_whole_file_back(reference_db, tmp_path, monkeypatch):
    import bsdash.ingest.refresh as refresh

    before = table_counts(reference_db)

    def broken_aggregate(con, table, **_):
        raise RuntimeError("disk full")

    monkeypatch.setattr(refresh.aggregates, "refresh", broken_aggregate)
    with pytest.raises(RuntimeError):
        import_file(reference_db, write_csv(tmp_path / "a.csv", SPEND_HEADER, spend_row("AP1")), "spend")
    assert table_counts(reference_db) == before


def test_an_unknown_department_is_kept_under_its_own_name_until_mapped(reference_db, tmp_path):
    path = write_csv(tmp_path / "spend.csv", SPEND_HEADER, spend_row("AP1", department="Op Nightjar"))
    import_file(reference_db, path, "spend")
    assert reference_db.execute("select department_id, source_department from spend").fetchall() == [
        (None, "Op Nightjar")
    ]
    mapping = write_csv(tmp_path / "map.csv", "Kind,Label in Export,Maps To", "department,op nightjar,SCD")
    import_file(reference_db, mapping, "reference_map")
    assert reference_db.execute("select department_id from spend").fetchall() == [("SCD",)]
    assert reference_db.execute("select count(*) from spend_monthly where department_id = 'SCD'").fetchall() == [(1,)]


def test_a_newer_ticket_export_updates_the_ticket(reference_db, tmp_path):
    header = (
        "Number,Opened,Assigned,Resolved,Closed,State,Priority,Category,Caller Department,"
        "Assignment Group,Provider Type,Channel,Reassignment Count,Reopen Count,First Contact Resolution,"
        "SLA Met,Satisfaction"
    )
    open_ = "INC1,01/04/2024 09:00,01/04/2024 09:10,,,in progress,P3,Hardware,ICT,Desk,external,Phone,0,0,No,,"
    done = (
        "INC1,01/04/2024 09:00,01/04/2024 09:10,02/04/2024 10:00,03/04/2024 10:00,closed,P3,Hardware,ICT,Desk,"
        "external,Phone,1,0,No,,4"
    )
    import_file(reference_db, write_csv(tmp_path / "t1.csv", header, open_), "tickets")
    report = import_file(reference_db, write_csv(tmp_path / "t2.csv", header, done), "tickets")
    assert (report.loaded, report.updated) == (1, 1)
    state, sla_met, score = reference_db.execute("select state, sla_met, satisfaction_score from tickets").fetchall()[0]
    # No SLA flag in the export: resolved 25 hours after opening is within P3's 72-hour target.
    assert (state, sla_met, score) == ("closed", True, 4)


def test_the_command_line_prints_a_line_per_file_and_fails_clearly_on_an_unreadable_one(tmp_path, reference_db):
    path = reference_db.execute("select file from pragma_database_list where name = 'reference'").fetchall()[0][0]
    reference_db.close()
    good = write_csv(tmp_path / "good.csv", SPEND_HEADER, spend_row("AP1"), spend_row("AP2", date="x"))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = bsdash_cli("--db", path, "import", "--kind", "spend", str(good), str(empty))
    assert result.returncode == 1
    assert "good.csv: spend, read 2, loaded 1, quarantined 1, duplicates 0" in result.stdout
    assert "Paid Date 'x' is not a date (dd/mm/yyyy) (rows 3)" in result.stdout
    assert "error: empty.csv: the file is empty. Nothing was written for this file." in result.stderr
    # Both are in the audit log, beside the database: who ran the command, the file, its rows, what happened.
    entries = AuditLog(audit_path(Path(path))).read().sort_values("audit_id")
    assert list(entries["action"]) == ["import", "import"]
    assert list(entries["file_name"]) == ["good.csv", "empty.csv"]
    assert list(entries["row_count"]) == [2, 0]
    assert entries["outcome"].iloc[0].startswith("loaded 1, quarantined 1, duplicates 0")
    assert entries["outcome"].iloc[1] == "refused: empty.csv: the file is empty."
    assert set(entries["role"]) == set(entries["place"]) == {"command line"}
    assert entries["who"].iloc[0] == getpass.getuser()
