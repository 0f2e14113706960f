"""The reference map as analysts edit it: unmapped labels listed, never dropped; a mapping resolves every row."""

import csv
import io

from bsdash.ingest.pipeline import import_file
from bsdash.ingest.reference_map import mapping_csv, save_mappings
from bsdash.store.queries import Registry
from tests.conftest import write_csv
from tests.ingest.test_import import SPEND_HEADER, spend_row


def spend_with_labels(con, folder):
    rows = [
        spend_row("AP1", department="Op Nightjar"),
        spend_row("AP2", department="Op  nightjar."),  # the same label, spelt differently
        spend_row("AP3"),
    ]
    import_file(con, write_csv(folder / "spend.csv", SPEND_HEADER, *rows), "spend")


def test_an_unmapped_label_is_kept_and_listed_with_its_rows_and_money(reference_db, tmp_path):
    spend_with_labels(reference_db, tmp_path)
    unmapped = Registry().run(reference_db, "unmapped_labels")
    departments = unmapped[unmapped["kind"] == "department"].set_index("label")
    assert departments.loc["Op Nightjar", "shown_as"] == "Unmapped: Op Nightjar"
    assert departments.loc["Op Nightjar", "rows_count"] == 1
    assert float(departments.loc["Op Nightjar", "amount"]) == 1234.5
    assert reference_db.execute("select count(*) from spend").fetchall() == [(3,)]


def test_saving_a_mapping_resolves_every_spelling_of_the_label_and_unmapping_reverts_it(reference_db, tmp_path):
    spend_with_labels(reference_db, tmp_path)
    report = save_mappings(reference_db, [("department", "Op Nightjar", "SCD")])
    assert (report.loaded, report.quarantined) == (1, 0)
    assert reference_db.execute("select count(*) from spend where department_id = 'SCD'").fetchall() == [(2,)]
    assert Registry().run(reference_db, "unmapped_labels").query("kind == 'department'").empty

    save_mappings(reference_db, [("department", "Op Nightjar", None)])
    assert reference_db.execute("select count(*) from spend where department_id is null").fetchall() == [(2,)]
    assert reference_db.execute("select count(*) from spend_monthly where department_id is null").fetchall()[0][0] > 0


def test_a_code_that_is_no_department_is_refused_with_its_reason(reference_db, tmp_path):
    spend_with_labels(reference_db, tmp_path)
    report = save_mappings(reference_db, [("department", "Op Nightjar", "NOPE")])
    assert report.reasons == {"Maps To is not a department code": 1}
    assert reference_db.execute("select count(*) from spend where department_id is null").fetchall() == [(2,)]


def test_the_mapping_downloads_as_a_csv_the_import_reads_back(reference_db, tmp_path):
    mapping = Registry().run(reference_db, "reference_mapping")
    text = mapping_csv(zip(mapping["Kind"], mapping["Label in Export"], mapping["Maps To"], strict=True))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Kind", "Label in Export", "Maps To"]
    assert ["expense type", "Software licences", "it_support"] in rows
    path = tmp_path / "reference-map.csv"
    path.write_text(text)
    again = import_file(reference_db, path, "reference_map")
    assert again.duplicates == len(rows) - 1 and again.loaded == 0


def test_the_mapping_as_downloaded_with_its_official_line_loads_back(reference_db, tmp_path):
    from bsdash.governance.downloads import csv_bytes
    from bsdash.store.queries import Registry
    from bsdash.ui.reference_mapping import download_table

    mapping = Registry().run(reference_db, "reference_mapping", {})
    path = tmp_path / "reference-map.csv"
    path.write_bytes(csv_bytes(download_table(mapping)))
    assert path.read_bytes().decode("utf-8-sig").startswith("OFFICIAL\r\nKind,Label in Export,Maps To\r\n")
    report = import_file(reference_db, path, "reference_map", force=True)
    assert (report.rows_read, report.quarantined) == (len(mapping), 0)
