"""The Import page: upload, see how each file will be read, confirm, read the report; every page follows."""

from tests.corpus import HEADER, lines, row


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
    assert columns.loc["Department", "Your column"] == "Organisatonal Unit"
    assert columns.loc["Department", "Found by"] == "close spelling of 'Organisational Unit'"
    assert "photo.csv: this is a binary file, not a CSV text file or Excel workbook." in texts(page.error)
    assert page.button(key="import_confirm").label == "Import 1 file (1 cannot be read)"


def test_confirming_imports_with_a_report_and_every_page_shows_the_new_data(writable_app):
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
