"""Mapping files: written by hand or saved from the dashboard, read back the same, used by the import and the CLI;
one file serving a family of layouts (candidate headers, "not in this file", value maps, a stated period)."""

from pathlib import Path

import pytest

from bsdash.ingest.kinds import SPEND
from bsdash.ingest.mapping import (
    Mapping,
    MappingError,
    dump_mapping,
    from_choices,
    load_mapping,
    save_mapping,
    saved_mappings,
)
from bsdash.ingest.pipeline import import_file
from tests.conftest import bsdash_cli, write_csv

ODD_HEADER = "When,Ref,Cost Centre,What,Kind,Payee,Value Paid"
ODD_ROW = "03/04/2024,AP1,Cyber Crime Unit,Software licences,Revenue,Acme Ltd,12.50"
ODD_MAPPING = """\
kind = "spend"
header_row = 2

[columns]
"Paid Date" = "When"
"transaction_number" = "Ref"
"Expense Type" = "What"
"Capital or Revenue" = "Kind"
"Amount" = "Value Paid"
"Service Type" = ""
"""


def odd_export(folder: Path) -> Path:
    return write_csv(folder / "odd.csv", "Finance system extract", ODD_HEADER, ODD_ROW)


def test_a_mapping_file_is_read_with_our_headers_or_column_names(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(ODD_MAPPING)
    mapping = load_mapping(path)
    assert mapping.kind == "spend"
    assert mapping.header_row == 2
    assert mapping.columns == {
        "paid_date": ("When",),
        "transaction_number": ("Ref",),
        "expense_type": ("What",),
        "capital_revenue": ("Kind",),
        "amount": ("Value Paid",),
        "service": (),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('kind = "payments"', "unknown kind 'payments'"),
        ("header_row = 0", "header_row must be a row number"),
        ('delimiter = "::"', "delimiter must be one of"),
        ('colour = "red"', "unknown entries colour"),
        (
            'kind = "spend"\n[columns]\n"Cost" = "Value"',
            "'Cost' is not a column of spend exports. Accepted: 'Paid Date'",
        ),
        ("[columns]\nAmount = 3", "the header for 'Amount' must be text in quotes, or a list of headers"),
        ('kind = "spend"\n[values.Amount]\n"x" = "y"', "'Amount' takes any value; [values] is for columns with"),
        ('kind = "tickets"\n[values.Priority]\n"Sev 1" = "urgent-ish"', "maps 'Sev 1' onto 'urgent-ish', which is not"),
        ('period = "31/12/2024 to 01/01/2024"', "the period ends (01/01/2024) before it starts (31/12/2024)"),
        ('date = "yesterday"', "date must be a date written dd/mm/yyyy"),
        ('kind = "tickets"\ndate = "01/01/2024"', "a date or period cannot be stated for tickets exports"),
        ("kind = ", "not a valid TOML mapping file"),
    ],
)
def test_a_broken_mapping_file_says_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(MappingError, match=r"broken\.toml") as raised:
        load_mapping(path)
    assert message in str(raised.value)


def test_a_saved_mapping_reads_back_the_same(tmp_path):
    mapping = from_choices(
        SPEND,
        {"paid_date": "Paid Date", "transaction_number": "Trans No", "supplier_reference": None},
        header_row=2,
        delimiter=";",
        base=Mapping(
            columns={"department": ("Cost Centre", "Service Area")}, values={"capital_revenue": {"k": "capital"}}
        ),
        name="finance",
    )
    path = save_mapping(mapping, "Finance system: spend!", tmp_path)
    assert path.name == "finance-system-spend.toml"
    again = load_mapping(path)
    assert again.columns == mapping.columns
    assert again.columns["department"] == ("Cost Centre", "Service Area")
    assert again.columns["supplier_reference"] == ()
    assert again.values == {"capital_revenue": {"k": "capital"}}
    assert (again.kind, again.header_row, again.delimiter) == ("spend", 2, ";")
    assert saved_mappings("spend", tmp_path) == {path.name: path}
    assert saved_mappings("tickets", tmp_path) == {}


def test_dump_quotes_any_header_safely():
    mapping = Mapping(kind="spend", columns={"amount": ('Amount "net" \\ £',)})
    import tomllib

    assert tomllib.loads(dump_mapping(mapping))["columns"]["Amount"] == 'Amount "net" \\ £'


def test_an_import_with_a_mapping_reads_a_layout_detection_cannot(reference_db, tmp_path):
    (tmp_path / "odd.toml").write_text(ODD_MAPPING)
    report = import_file(reference_db, odd_export(tmp_path), "spend", mapping=load_mapping(tmp_path / "odd.toml"))
    assert (report.rows_read, report.loaded) == (1, 1)
    assert report.columns["Amount"] == "Value Paid"
    assert report.matched_by["Amount"] == "mapping file"
    assert report.columns["Department"] == "Cost Centre"  # still detected
    assert reference_db.execute("select amount::double, department_id from spend").fetchall() == [(12.5, "CYB")]


def test_a_mapping_for_another_kind_is_refused(reference_db, tmp_path):
    (tmp_path / "odd.toml").write_text(ODD_MAPPING)
    with pytest.raises(MappingError, match="this mapping is for spend exports, not tickets"):
        import_file(reference_db, odd_export(tmp_path), "tickets", mapping=load_mapping(tmp_path / "odd.toml"))


def test_the_command_line_takes_a_mapping_and_shows_where_each_column_went(tmp_path):
    (tmp_path / "odd.toml").write_text(ODD_MAPPING)
    database = str(tmp_path / "new.duckdb")
    export = str(odd_export(tmp_path))
    mapping = str(tmp_path / "odd.toml")
    preview = bsdash_cli("--db", database, "import", "--kind", "spend", "--dry-run", "--mapping", mapping, export)
    assert preview.returncode == 0, preview.stderr
    assert "Amount <- 'Value Paid' (mapping file)" in preview.stdout
    assert not Path(database).exists()  # a dry run writes nothing

    refused = bsdash_cli("--db", database, "import", "--kind", "spend", export)
    assert refused.returncode == 1
    assert "odd.csv: no column for 'Paid Date', 'Amount'" in refused.stderr

    done = bsdash_cli("--db", database, "import", "--kind", "spend", "--mapping", mapping, export)
    assert done.returncode == 0, done.stderr
    assert "odd.csv: spend, read 1, loaded 1, quarantined 0, duplicates 0" in done.stdout
    assert "read as CSV, UTF-8, header on row 2, 7 columns used" in done.stdout
    assert "Department <- 'Cost Centre' (other name)" in done.stdout


def test_a_mapping_can_say_the_encoding_when_the_bytes_do_not(reference_db, tmp_path):
    # Valid UTF-8 by accident: these bytes are "Ã©" in Windows-1252, which is what the system wrote.
    path = tmp_path / "legacy.csv"
    path.write_bytes((ODD_HEADER + "\n" + ODD_ROW.replace("Acme Ltd", "CafÃ©")).encode("cp1252"))
    mapping = Mapping(
        kind="spend",
        encoding="windows-1252",
        columns={
            "paid_date": ("When",),
            "transaction_number": ("Ref",),
            "expense_type": ("What",),
            "capital_revenue": ("Kind",),
            "amount": ("Value Paid",),
        },
    )
    report = import_file(reference_db, path, "spend", mapping=mapping)
    assert report.file_type == "CSV, Windows-1252 (as the mapping file says)"
    assert reference_db.execute("select supplier_name from spend").fetchall() == [("CafÃ©",)]
