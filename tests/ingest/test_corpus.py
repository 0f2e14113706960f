"""The corpus of broken exports: each gives its clear message or its quarantine reasons, and the database stays
consistent (a refused file changes nothing; an imported one accounts for every row and breaks no relationship)."""

import json
from pathlib import Path

import pytest

from bsdash.ingest.errors import ExportError
from bsdash.ingest.pipeline import import_file
from tests.conftest import assert_every_row_accounted, table_counts
from tests.ingest.corpus import CASES, Case

REFUSED = [c for c in CASES if c.error]
IMPORTED = [c for c in CASES if c.counts]


def write(case: Case, folder: Path) -> Path:
    path = folder / case.name
    path.write_bytes(case.content)
    return path


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(reference_db, tmp_path, case):
    before = table_counts(reference_db)
    with pytest.raises(ExportError) as raised:
        import_file(reference_db, write(case, tmp_path), "spend")
    assert case.error in str(raised.value)
    assert str(raised.value).startswith(case.name)
    assert table_counts(reference_db) == before


@pytest.mark.parametrize("case", IMPORTED, ids=lambda c: c.name)
def test_every_row_of_an_awkward_file_is_loaded_or_quarantined_with_its_reason(reference_db, tmp_path, case):
    report = import_file(reference_db, write(case, tmp_path), "spend")
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == case.counts, report.reasons
    rows = reference_db.execute(
        "select reason, list(row_number order by row_number) from quarantine where import_id = $id group by reason",
        {"id": report.import_id},
    ).fetchall()
    assert len(rows) == len(report.reasons)
    if case.reasons:
        assert dict(rows) == case.reasons
    assert_every_row_accounted(reference_db, report)


def test_windows_1252_text_is_read_as_the_analyst_wrote_it(reference_db, tmp_path):
    case = next(c for c in CASES if c.name == "windows-1252.csv")
    report = import_file(reference_db, write(case, tmp_path), "spend")
    assert report.file_type == "CSV, Windows-1252 (the file is not UTF-8)"
    assert reference_db.execute("select supplier_name, amount::double from spend order by 1").fetchall() == [
        ("Café Nero", 1234.5),
        ("O’Brien & Sons", 100.0),
    ]


def test_amounts_are_read_in_every_usual_spelling(reference_db, tmp_path):
    import_file(reference_db, write(next(c for c in CASES if c.name == "amounts.csv"), tmp_path), "spend")
    amounts = dict(reference_db.execute("select transaction_number, amount::double from spend").fetchall())
    assert amounts == {"AP1": 1234.5, "AP2": 1234.5, "AP3": -12.0, "AP4": -12.0, "AP5": -12.0}


def test_dates_are_read_day_first_with_or_without_padding_and_times(reference_db, tmp_path):
    import_file(reference_db, write(next(c for c in CASES if c.name == "bad-dates.csv"), tmp_path), "spend")
    dates = reference_db.execute("select distinct strftime(paid_date, '%d/%m/%Y') from spend").fetchall()
    assert dates == [("05/03/2024",)]  # 5/3/2024 is the 5th of March


def test_padded_text_is_trimmed(reference_db, tmp_path):
    import_file(reference_db, write(next(c for c in CASES if c.name == "padded.csv"), tmp_path), "spend")
    assert reference_db.execute("select transaction_number, supplier_name from spend").fetchall() == [
        ("AP1", "Acme Ltd")
    ]


def test_a_quarantined_row_keeps_the_raw_text_and_names_column_and_value(reference_db, tmp_path):
    report = import_file(reference_db, write(next(c for c in CASES if c.name == "amounts.csv"), tmp_path), "spend")
    raw, reason = reference_db.execute(
        "select raw_row, reason from quarantine where import_id = $id and row_number = 7", {"id": report.import_id}
    ).fetchall()[0]
    assert json.loads(raw)["Amount"] == "twelve pounds"
    assert reason == "Amount 'twelve pounds' is not an amount of money"


def test_the_report_says_how_a_workbook_was_read(reference_db, tmp_path):
    report = import_file(reference_db, write(next(c for c in CASES if c.name == "workbook.xlsx"), tmp_path), "spend")
    assert report.file_type == "Excel workbook, sheet 'Payments'"
    assert report.header_row == 3
    assert reference_db.execute("select transaction_number, paid_date::varchar from spend order by 1").fetchall() == [
        ("AP1", "2024-04-03"),
        ("AP2", "2024-04-04"),
    ]


def test_blank_lines_are_skipped_and_counted_without_shifting_row_numbers(reference_db, tmp_path):
    case = next(c for c in CASES if c.name == "blank-line-inside.csv")
    report = import_file(reference_db, write(case, tmp_path), "spend")
    assert report.blank_lines == 4
    assert "4 blank lines skipped" in report.layout_lines()[0]


def test_a_stray_quote_inside_a_value_is_read_as_written(reference_db, tmp_path):
    report = import_file(reference_db, write(next(c for c in CASES if c.name == "stray-quotes.csv"), tmp_path), "spend")
    assert reference_db.execute("select supplier_name from spend").fetchall() == [('ACME "UK" LTD',)]
    assert next(iter(report.reasons)).startswith("the row could not be split into the header's 7 columns")
