"""The Reference mapping page: unmapped labels listed, mapped in place, and ready-made mappings loaded."""

from bsdash.governance.audit import AuditLog, audit_path
from tests.ingest.corpus import lines, row


def import_through_the_page(app, content: bytes) -> None:
    page = app("import")
    page.file_uploader[0].set_value(("labels.csv", content, "text/csv")).run()
    page.button(key="import_confirm").click().run()
    assert not page.exception


def test_an_unmapped_label_is_listed_then_mapped_in_place(writable_app, writable_sample_db):
    operation = row("AP9201").replace("Cyber Crime Unit", "Operation Nightjar")
    import_through_the_page(writable_app, lines(operation).encode())
    page = writable_app("reference_mapping")
    assert not page.exception
    labels = page.dataframe[0].value
    nightjar = labels.index[labels["Label"] == "Operation Nightjar"][0]
    assert labels.loc[nightjar, "Kind"] == "department"

    page.session_state["unmapped_editor"] = {
        "edited_rows": {int(nightjar): {"Maps to": "SCD: Serious Crime Directorate"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    page.run()
    save = next(b for b in page.button if b.label == "Save 1 mapping")
    save.click().run()
    assert not page.exception
    assert "1 mapping saved (reference map edited in the dashboard.csv)." in [s.value for s in page.success]
    assert "Operation Nightjar" not in list(page.dataframe[0].value["Label"])
    edit = AuditLog(audit_path(writable_sample_db)).read().iloc[0]  # recorded like any import
    assert (edit["action"], edit["what"], edit["place"]) == ("import", "reference_map", "/reference_mapping")
    assert edit["file_name"] == "reference map edited in the dashboard.csv"


def test_a_ready_made_mapping_loads_from_data_mappings(writable_app, monkeypatch):
    from bsdash.config import DATA_DIR

    monkeypatch.setenv("BSDASH_MAPPINGS", str(DATA_DIR / "mappings"))
    page = writable_app("reference_mapping")
    page.selectbox(key="mapping_shipped").set_value("oxford-expense-types.csv").run()
    page.button(key="mapping_load_shipped").click().run()
    assert not page.exception
    assert any(s.value.startswith("73 mappings saved (oxford-expense-types.csv)") for s in page.success)
