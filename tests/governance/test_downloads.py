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


# Formulas hidden behind what a reader does not see, or written in full-width characters (as a Japanese or Chinese
# input method types them, and as a spreadsheet still reads them).
DISGUISED = [
    " =1+1",
    "   @SUM(A1:A2)",
    "\n=1+1",
    '\u00a0=HYPERLINK("http://x","y")',  # non-breaking space
    "\u200b=1+1",  # zero-width space
    "\ufeff+1",  # byte-order mark
    "\u2060\u200d-1",  # word joiner, zero-width joiner
    "\u3000=1",  # ideographic space
    "\u200e=1",  # left-to-right mark
    " \t =1",
    "＝1+1",
    "＋44 1622",
    "－2＋3",
    "＠SUM(A1)",
    " ＝1",
]


@pytest.mark.parametrize("value", DISGUISED)
def test_a_formula_behind_invisible_or_full_width_characters_is_neutralised(value):
    assert neutralise(value) == "'" + value
    rows = read_csv(csv_bytes(pd.DataFrame({"Supplier": [value], "Amount": [-12.5]})))
    assert rows[2] == ["'" + value, "-12.5"]  # the amount beside it is still a number
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(pd.DataFrame({"Supplier": [value]})))).active
    assert sheet["A3"].data_type == "s" and sheet["A3"].quotePrefix


@pytest.mark.parametrize("value", [" Acme Ltd", "\u00a0100 = 100", "Ｍｅｒｉｄｉａｎ Digital", "£1,234", "\u200bAcme"])
def test_text_that_runs_nothing_is_left_alone(value):
    assert neutralise(value) == value


def test_control_characters_leave_excel_cells_with_a_note_saying_so():
    frame = pd.DataFrame(
        {"Supplier": ["Acme\x00 Ltd\x1b[31m", "Tab\tand\nline", "\x0b=1+1"], "Amount": [1.5, -2.0, 3.0]}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame))).active  # NUL or ESC made openpyxl raise
    assert sheet["A3"].value == "Acme Ltd[31m"
    assert sheet["A3"].comment.text == "2 control characters (NUL, ESC) removed from this cell: Excel cannot hold them."
    assert sheet["A4"].value == "Tab\tand\nline" and sheet["A4"].comment is None  # tabs and line ends are text
    assert sheet["A5"].value == "=1+1" and sheet["A5"].quotePrefix and sheet["A5"].data_type == "s"
    assert "1 control character (VT)" in sheet["A5"].comment.text
    assert [sheet[f"B{row}"].value for row in (3, 4, 5)] == [1.5, -2.0, 3.0]
    assert all(sheet[f"B{row}"].data_type == "n" for row in (3, 4, 5))


def test_a_header_with_a_control_character_writes_to_excel():
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(pd.DataFrame({"Sup\x07plier": ["a"]})))).active
    assert sheet["A2"].value == "Supplier" and "BEL" in sheet["A2"].comment.text
