"""A downloaded file says, under its OFFICIAL marking, what it is, the period and filters, how far each dataset
reaches and when it was made; in CSV, in Excel, and in a Parquet extract's metadata."""

import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd
import pyarrow.parquet as pq

from bsdash.governance.downloads import context_lines, csv_bytes, excel_bytes, parquet_bytes

CONTEXT = context_lines(
    "Spend by service type",
    "Financial year 2024/25 · Cyber Crime Unit · all service types",
    ["Payments to 31/01/2026", "Tickets to 31/01/2026"],
    datetime(2026, 2, 3, 9, 15),
    "sam.analyst@kent.police.uk",
    ["spend_by_service"],
)
TABLE = pd.DataFrame({"Service type": ["Fleet management", "=cmd"], "Spend (£)": [1234.5, -12.0]})


def test_the_context_says_what_for_which_period_and_filters_as_at_and_when():
    assert CONTEXT == [
        "Spend by service type",
        "From the named queries: spend_by_service",
        "Period and filters: Financial year 2024/25 · Cyber Crime Unit · all service types",
        "Data as at: Payments to 31/01/2026; Tickets to 31/01/2026",
        "Made on 03/02/2026 at 09:15 by sam.analyst@kent.police.uk",
    ]


def test_a_csv_carries_the_context_under_its_marking_then_a_blank_line_then_the_table():
    rows = list(csv.reader(io.StringIO(csv_bytes(TABLE, context=CONTEXT).decode("utf-8-sig"))))
    assert rows[0] == ["OFFICIAL"]
    assert [row[0] for row in rows[1:6]] == CONTEXT
    assert rows[6] == [""]
    assert rows[7] == ["Service type", "Spend (£)"]
    assert rows[8] == ["Fleet management", "1234.5"] and rows[9] == ["'=cmd", "-12.0"]


def test_an_excel_sheet_carries_the_same_rows_and_the_workbook_its_description():
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(TABLE, "spend_by_service", context=CONTEXT)))
    sheet = book["spend_by_service"]
    assert sheet["A1"].value == "OFFICIAL"
    assert [sheet.cell(row=2 + i, column=1).value for i in range(5)] == CONTEXT
    assert sheet["A7"].value in (None, "")
    assert [cell.value for cell in sheet[8]] == ["Service type", "Spend (£)"]
    assert sheet["B9"].value == 1234.5 and sheet.freeze_panes == "A9"
    assert book.properties.description.splitlines() == CONTEXT


def test_a_parquet_extract_keeps_its_rows_types_marking_and_context():
    read = pq.read_table(io.BytesIO(parquet_bytes(TABLE, context=CONTEXT)))
    assert read.to_pandas().equals(TABLE)
    assert read.schema.metadata[b"marking"] == b"OFFICIAL"
    assert read.schema.metadata[b"context"].decode().splitlines() == CONTEXT


def test_without_context_a_csv_is_as_before_marking_then_headers():
    rows = list(csv.reader(io.StringIO(csv_bytes(TABLE).decode("utf-8-sig"))))
    assert rows[:2] == [["OFFICIAL"], ["Service type", "Spend (£)"]]


def test_the_reference_map_downloaded_with_its_context_loads_back(reference_db, tmp_path):
    """The Reference mapping page's download, context lines and all, is a file the import reads back."""
    from bsdash.importer import import_file
    from bsdash.store.queries import Registry
    from bsdash.ui.reference_mapping import download_table

    mapping = Registry().run(reference_db, "reference_mapping", {})
    path = tmp_path / "reference-map.csv"
    path.write_bytes(csv_bytes(download_table(mapping), context=CONTEXT))
    report = import_file(reference_db, path, "reference_map", force=True)
    assert (report.rows_read, report.quarantined) == (len(mapping), 0)
