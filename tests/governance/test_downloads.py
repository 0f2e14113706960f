"""Files that leave the dashboard: nothing a spreadsheet would run as a formula, and the OFFICIAL marking."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from bsdash.governance.downloads import csv_bytes, excel_bytes, neutralise

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+44 1622 690690",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
]


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Supplier": [*HOSTILE, "Acme Ltd", None],
            "Spend (£)": [1234.5, -12.5, 0.0, 3.333, 10.0, 20.0, 30.0, 40.0],
            "Paid date": pd.to_datetime(["2024-04-03"] * 8),
        }
    )


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_gains_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Acme Ltd", "O'Brien & Sons", "100 = 100", "", 12, -3.5, None])
def test_other_values_are_left_as_they_are(value):
    assert neutralise(value) == value


def test_csv_is_marked_official_above_the_headers_and_runs_nothing():
    rows = read_csv(csv_bytes(table()))
    assert rows[0] == ["OFFICIAL"]
    assert rows[1] == ["Supplier", "Spend (£)", "Paid date"]
    assert [row[0] for row in rows[2:8]] == ["'" + value for value in HOSTILE]
    assert rows[8][0] == "Acme Ltd" and rows[9][0] == ""
    assert [row[1] for row in rows[2:5]] == ["1234.5", "-12.5", "0.0"]  # a credit stays a number
    assert rows[2][2] == "03/04/2024"


def test_a_header_a_spreadsheet_would_run_is_neutralised_too():
    rows = read_csv(csv_bytes(pd.DataFrame({"=1+1": ["a"]})))
    assert rows[1] == ["'=1+1"]


def test_excel_keeps_the_text_as_it_is_but_never_as_a_formula():
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(table(), "payments")))
    sheet = book["payments"]
    assert sheet["A1"].value == "OFFICIAL"
    assert sheet.oddHeader.center.text == "OFFICIAL" and sheet.oddFooter.center.text == "OFFICIAL"
    assert book.properties.category == "OFFICIAL"
    assert [cell.value for cell in sheet[2]] == ["Supplier", "Spend (£)", "Paid date"]
    for row, value in zip(sheet.iter_rows(min_row=3, max_row=8), HOSTILE, strict=True):
        assert row[0].value == value.replace("\r", "\n")  # XML reads a carriage return back as a line feed
        assert row[0].data_type == "s"  # a string, not "f" for formula
        assert row[0].quotePrefix  # Excel keeps it text even when someone edits the cell
    assert sheet["B4"].value == -12.5 and sheet["B4"].data_type == "n"
    assert sheet["C3"].value == datetime(2024, 4, 3) and sheet["C3"].number_format == "dd/mm/yyyy"
    assert sheet["A10"].value is None


def test_a_table_of_dates_and_decimals_writes_to_excel():
    from decimal import Decimal

    frame = pd.DataFrame({"Day": [date(2024, 4, 1)], "Amount": [Decimal("12.34")], "Ok": [True]})
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame))).active
    assert sheet["A3"].value == datetime(2024, 4, 1) and sheet["A3"].number_format == "dd/mm/yyyy"
    assert sheet["B3"].value == 12.34 and sheet["B3"].data_type == "n"
    assert sheet["C3"].value is True
