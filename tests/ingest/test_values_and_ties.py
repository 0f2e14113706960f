"""Stage 3 by values: columns known by what they hold, names contradicted by their values, and ties left to the
analyst rather than guessed."""

from bsdash.ingest.pipeline import import_file
from tests.conftest import write_csv
from tests.ingest.helpers import found, preview_text

ROWS = [
    "01/04/2024,02/04/2024,ICT,Acme Ltd,Revenue,100.00",
    "03/04/2024,04/04/2024,ICT,Acme Ltd,Capital,200.00",
    "05/04/2024,06/04/2024,ICT,Acme Ltd,Revenue,300.00",
]


def test_two_columns_that_read_equally_well_as_one_of_ours_are_both_left_and_the_file_says_so(tmp_path):
    preview = preview_text(tmp_path, "\n".join(["When A,When B,Department,Supplier,Kind,Amount", *ROWS]), "spend")
    assert "Paid Date" not in found(preview)
    assert preview.ties == [
        "'When A' and 'When B' read equally well as Paid Date (3 values, all dates / 3 values, all dates); "
        "neither is taken: name it in a mapping file"
    ]
    assert preview.error.startswith("x.csv: no column for 'Paid Date' in this spend export.")
    assert "'When A' and 'When B' read equally well as Paid Date" in preview.error


def test_a_named_column_beats_one_known_only_by_its_values(tmp_path):
    preview = preview_text(tmp_path, "\n".join(["Paid Date,When B,Department,Supplier,Kind,Amount", *ROWS]), "spend")
    assert found(preview)["Paid Date"] == "Paid Date"
    assert found(preview)["Capital or Revenue"] == "Kind"  # by its values: Revenue and Capital
    assert preview.ties == []


def test_a_column_named_like_an_optional_choice_but_holding_other_values_is_not_taken(reference_db, tmp_path):
    rows = [
        f"0{i + 1}/04/2024,T{i},ICT,Acme Ltd,{kind},100.00" for i, kind in enumerate(["Invoice", "Credit Note"] * 3)
    ]
    path = write_csv(tmp_path / "spend.csv", "Paid Date,Trans No,Department,Supplier,Type,Amount", *rows)
    report = import_file(reference_db, path, "spend")
    assert "Capital or Revenue" not in report.columns
    assert report.quarantined == 0 and report.loaded == 6
    assert any(
        note.startswith("'Type' was not taken as Capital or Revenue, though named like it") for note in report.notes
    )


def test_a_ticket_state_column_with_a_damaged_header_is_known_by_its_states(tmp_path):
    rows = [f"INC{i:04d},{s},01/04/2024 09:00" for i, s in enumerate(["New", "Resolved", "Closed", "In Progress"])]
    preview = preview_text(tmp_path, "\n".join(["Number,Sta,Opened", *rows]), "tickets")
    state = next(c for c in preview.columns if c.ours == "State")
    assert (state.theirs, state.how) == ("Sta", "values")
    assert state.evidence == "4 values, all New, Resolved, Closed or In Progress"
    assert state.found_by == "its values; 4 values, all New, Resolved, Closed or In Progress"


def test_the_preview_shows_how_each_value_of_a_vocabulary_will_be_read(tmp_path):
    rows = [f"INC{i},{s},{p},01/04/2024 09:00" for i, (s, p) in enumerate([("Blocked", "Sev 1"), ("Done", "High")] * 2)]
    preview = preview_text(tmp_path, "\n".join(["Number,Status,Priority,Created", *rows]), "tickets")
    assert preview.value_maps["State"] == [("Blocked", None, 2), ("Done", "resolved", 2)]
    assert preview.value_maps["Priority"] == [("Sev 1", None, 2), ("High", "P2", 2)]
    assert "State values: 'Blocked' -> not placed, 'Done' -> resolved" in preview.lines()


def test_a_priority_is_derived_from_impact_and_urgency_when_the_export_has_none(reference_db, tmp_path):
    path = write_csv(
        tmp_path / "tickets.csv",
        "Incident ID,Status,Impact,Urgency,Submit Date",
        "INC1,Assigned,1-Extensive/Widespread,2-High,01/04/2024 09:00",
        "INC2,Assigned,3-Moderate/Limited,3-Medium,01/04/2024 09:00",
        "INC3,Assigned,4-Minor/Localized,,01/04/2024 09:00",
        "INC4,Assigned,,,01/04/2024 09:00",
    )
    report = import_file(reference_db, path, "tickets")
    assert report.derived["Priority"].startswith("where the export gives no priority: Impact and Urgency")
    priorities = dict(reference_db.execute("select ticket_number, priority from tickets").fetchall())
    assert priorities == {"INC1": "P2", "INC2": "P4", "INC3": "P4", "INC4": None}
