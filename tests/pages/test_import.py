"""The Import page: upload, see how each file will be read, confirm, read the report; every page follows."""

import pytest
from streamlit import config

from bsdash.governance.audit import AuditLog, audit_path
from bsdash.ingest import pipeline
from bsdash.store import db
from bsdash.ui import importing
from tests.ingest.corpus import HEADER, lines, row


def spend_file(*rows: str, header: str = HEADER) -> bytes:
    return lines(*rows, header=header).encode()


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_the_page_opens_on_an_invitation_to_upload(writable_app):
    page = writable_app("import")
    assert not page.exception
    assert page.title[0].value == "Import exports"
    assert "Choose one or more export files" in texts(page.info)[0]


def test_each_file_is_previewed_and_a_bad_one_says_why_before_anything_is_written(writable_app):
    page = writable_app("import")
    drifted = "Paid_Date,Trans No,Organisatonal Unit,Expenditure Category,Type,Supplier Name,Amount (£)"
    page.file_uploader[0].set_value(
        [
            ("april.csv", spend_file(row("AP9001"), header=drifted), "text/csv"),
            ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "text/csv"),
        ]
    ).run()
    assert not page.exception
    columns = page.dataframe[0].value.set_index("Our column")
    assert columns.loc["Department (optional)", "Your column"] == "Organisatonal Unit"
    assert columns.loc["Department (optional)", "Found by"] == "close spelling of 'Organisational Unit'"
    assert columns.loc["Amount", "Found by"] == "its name"  # one row: too few values to say anything
    assert "photo.csv: this is a binary file, not a CSV text file or Excel workbook." in texts(page.error)
    assert page.button(key="import_confirm").label == "Import 1 file (1 cannot be read)"


def test_the_preview_says_where_each_column_came_from_and_what_the_file_lacks(writable_app):
    page = writable_app("import")
    header = "Paid,Payee,Cost Centre,Kind of Spend,Value"
    rows = [
        f"0{i + 1}/01/2026,Acme Ltd,Cyber Crime Unit,{'Capital' if i == 2 else 'Revenue'},{100 + i}.00"
        for i in range(5)
    ]
    page.file_uploader[0].set_value(("own-words.csv", spend_file(*rows, header=header), "text/csv")).run()
    assert not page.exception
    columns = page.dataframe[0].value.set_index("Our column")
    assert columns.loc["Capital or Revenue (optional)", "Your column"] == "Kind of Spend"
    assert columns.loc["Capital or Revenue (optional)", "Found by"] == "its values; 5 values, all Revenue or Capital"
    assert columns.loc["Paid Date", "Found by"] == "its values; 5 values, all dates"
    lacking = next(c for c in texts(page.caption) if c.startswith("Not in this file:"))
    assert "**Transaction Number**: each payment's key is made from its content" in lacking
    assert page.button(key="import_confirm").label == "Import 1 file"

    page.button(key="import_confirm").click().run()
    assert not page.exception
    assert {m.label: m.value for m in page.metric}["Loaded"] == "5"
    money = [m.value for m in page.markdown if m.value.startswith("£ read")]
    assert money == ["£ read £510.00 = loaded £510.00 + quarantined £0.00 + duplicates £0.00."]
    assert any(c.startswith("Each row's key: made from each row's Paid Date") for c in texts(page.caption))


def test_confirming_imports_with_a_report_and_every_page_shows_the_new_data(writable_app, writable_sample_db):
    overview = writable_app()
    spend_before = next(m.value for m in overview.metric if m.label == "Spend to date")

    page = writable_app("import")
    big = row("AP9001", date="15/01/2026", amount="2000000.00")
    page.file_uploader[0].set_value(
        ("january.csv", spend_file(big, row("AP9002", date="00:00:00"), ",,,,,Total,2000000"), "text/csv")
    ).run()
    page.button(key="import_confirm").click().run()
    assert not page.exception
    metrics = {m.label: m.value for m in page.metric}
    assert metrics == {"Rows read": "3", "Loaded": "1", "Quarantined": "2", "Duplicates": "0"}
    reasons = page.table[0].value
    assert list(reasons["Why quarantined"]) == ["Paid Date '00:00:00' is not a date (dd/mm/yyyy)", "totals row"]
    assert list(reasons["First rows"]) == ["3", "4"]

    overview.run()
    spend_after = next(m.value for m in overview.metric if m.label == "Spend to date")
    assert spend_after != spend_before

    # The audit log has the import: who (sign-in is off), the file, its rows, what happened, where.
    entry = AuditLog(audit_path(writable_sample_db)).read().iloc[0]
    assert (entry["action"], entry["what"], entry["file_name"], entry["row_count"]) == (
        "import",
        "spend",
        "january.csv",
        3,
    )
    assert entry["outcome"].startswith("loaded 1, quarantined 2, duplicates 0 (import #")
    assert (entry["who"], entry["role"], entry["place"]) == ("sign-in off", "administrator", "/import")

    again = writable_app("import")
    again.file_uploader[0].set_value(
        ("january-again.csv", spend_file(big, row("AP9002", date="00:00:00"), ",,,,,Total,2000000"), "text/csv")
    ).run()
    assert any(i.value.startswith("This file was imported before (as january.csv on") for i in again.info)


def test_a_missing_column_is_named_and_can_be_chosen_then_saved_as_a_mapping(writable_app, tmp_path):
    page = writable_app("import")
    odd = "Paid Date,Transaction Number,Department,Expense Type,Capital or Revenue,Supplier Name,Cost to us"
    page.file_uploader[0].set_value(("odd.csv", spend_file(row("AP9101"), header=odd), "text/csv")).run()
    assert any("no column for 'Amount'" in e for e in texts(page.error))
    assert page.button(key="import_confirm").disabled

    page.selectbox(key=next(s.key for s in page.selectbox if s.label == "Amount")).set_value("Cost to us").run()
    assert not page.error
    assert page.button(key="import_confirm").label == "Import 1 file"
    page.text_input[0].set_value("cost system").run()
    page.button(key=next(b.key for b in page.button if b.label == "Save mapping")).click().run()
    saved = tmp_path / "mappings" / "cost-system.toml"
    assert saved.exists()
    assert '"Amount" = "Cost to us"' in saved.read_text()

    page.button(key="import_confirm").click().run()
    assert {m.label: m.value for m in page.metric}["Loaded"] == "1"


@pytest.fixture
def upload_limit_of_one_mb():
    """As `maxUploadSize = 1` in .streamlit/config.toml would set it."""
    before = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    yield
    config.set_option("server.maxUploadSize", before)


def test_a_file_of_a_type_the_import_does_not_read_is_refused_whatever_sent_it():
    """The browser's file dialog offers only the import's types, and Streamlit refuses others; this is the check
    that holds for a request that did not come from our page."""
    assert importing.refused_upload("minutes.pdf", 100).startswith("minutes.pdf: not a file the import reads.")
    assert importing.refused_upload("SPEND.CSV.GZ", 100) is None
    assert importing.refused_upload("april.xlsx", 100) is None


def test_files_too_large_or_empty_are_refused_with_a_reason(writable_app, upload_limit_of_one_mb):
    page = writable_app("import")
    assert "each up to 1 MB" in " ".join(texts(page.caption))
    big = spend_file(*(row(f"AP{i:06d}") for i in range(20_000)))
    assert len(big) > 1024 * 1024
    page.file_uploader[0].set_value(
        [
            ("huge.csv", big, "text/csv"),
            ("nothing.csv", b"", "text/csv"),
            ("april.csv", spend_file(row("AP9001")), "text/csv"),
        ]
    ).run()
    assert not page.exception
    refusals = texts(page.error)
    assert any(e.startswith("huge.csv is 1.5 MB; the dashboard takes files of up to 1 MB.") for e in refusals), refusals
    assert "nothing.csv is empty: there is nothing to import." in refusals
    assert page.button(key="import_confirm").label == "Import 1 file"  # only april.csv goes on


def test_more_files_than_the_import_takes_at_once_are_left_with_a_message(writable_app):
    page = writable_app("import")
    files = [(f"month-{i:02d}.csv", spend_file(row(f"AP{i:04d}")), "text/csv") for i in range(25)]
    page.file_uploader[0].set_value(files).run()
    assert not page.exception
    assert texts(page.error)[0].startswith("25 files were uploaded at once; the import takes 20 at a time.")
    assert page.button(key="import_confirm").label == "Import 20 files"


def test_a_fault_nobody_foresaw_is_one_message_on_the_page_and_nothing_is_written(
    writable_app, writable_sample_db, monkeypatch
):
    def broken(trip):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "WRITING", (broken, *pipeline.WRITING))
    page = writable_app("import")
    page.file_uploader[0].set_value(("may.csv", spend_file(row("AP9101")), "text/csv")).run()
    page.button(key="import_confirm").click().run()
    assert not page.exception
    assert texts(page.error) == [
        "may.csv: the import stopped on an unexpected fault (RuntimeError: disk full). Nothing was written for "
        "this file. Please send the file and this message to the dashboard's team."
    ]
    con = db.connect(writable_sample_db, read_only=True)
    try:
        assert con.execute("select count(*) from spend where transaction_number = 'AP9101'").fetchall() == [(0,)]
    finally:
        con.close()
