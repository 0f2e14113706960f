"""A corpus of broken and awkward exports, written by the tests themselves.

Each case is a file as some finance or service-desk system (or a hurried analyst) might produce it, with what
the import must say about it: either the message that stops it, or the counts and quarantine reasons.
"""

import gzip
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

HEADER = "Paid Date,Transaction Number,Department,Expense Type,Capital or Revenue,Supplier Name,Amount"


def row(number: str, *, date: str = "03/04/2024", amount: str = "100.00", supplier: str = "Acme Ltd") -> str:
    return f"{date},{number},Cyber Crime Unit,Software licences,Revenue,{supplier},{amount}"


def lines(*rows: str, header: str = HEADER, end: str = "\n") -> str:
    return end.join([header, *rows]) + end


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    # A file that cannot be imported: a fragment of its message.
    error: str | None = None
    # A file that imports: (rows read, loaded, quarantined, duplicates) and {reason: [rows]}.
    counts: tuple[int, int, int, int] | None = None
    reasons: dict[str, list[int]] = field(default_factory=dict)


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for values in rows:
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(name: str, content: bytes, *, mimetype: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        archive.writestr(name, content)
    return buffer.getvalue()


XLSX_HEADER = HEADER.split(",")

CASES = [
    # Files that cannot be imported at all.
    Case("empty.csv", b"", error="empty.csv: the file is empty."),
    Case("blank-lines-only.csv", b"\r\n\r\n  \n", error="blank-lines-only.csv: the file is empty."),
    Case(
        "photo.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
        error="photo.csv: this is a binary file, not a CSV text file or Excel workbook.",
    ),
    Case(
        "archive.csv",
        _zip("spend.csv", lines(row("AP1")).encode()),
        error="archive.csv: this is a zip archive, not an export: unzip it and import the file inside.",
    ),
    Case(
        "workforce.ods",
        _zip("content.xml", b"<office:document-content/>", mimetype=b"application/vnd.oasis.opendocument.spreadsheet"),
        error="workforce.ods: this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV",
    ),
    Case("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, error="old Excel workbook (.xls)"),
    Case("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", error="report.csv: this is a PDF document"),
    Case("cut.csv.gz", gzip.compress(lines(row("AP1")).encode())[:30], error="cut.csv.gz: the gzip file is damaged"),
    Case(
        "missing-column.csv",
        lines(row("AP1"), header=HEADER.replace("Amount", "Value Paid")).encode(),
        error="missing-column.csv: no column for 'Amount' in this spend export. Columns seen: 'Paid Date',",
    ),
    # Files that import, with what happens to each row.
    Case("header-only.csv", HEADER.encode() + b"\r\n", counts=(0, 0, 0, 0)),
    Case(
        "windows-1252.csv",
        lines(row("AP1", supplier="Café Nero", amount='"£1,234.50"'), row("AP2", supplier="O’Brien & Sons")).encode(
            "cp1252"
        ),
        counts=(2, 2, 0, 0),
    ),
    Case(
        "bom-crlf.csv",
        b"\xef\xbb\xbf" + lines(row("AP1"), row("AP2"), end="\r\n").encode(),
        counts=(2, 2, 0, 0),
    ),
    Case(
        "excel-unicode-text.txt",
        lines(row("AP1").replace(",", "\t"), header=HEADER.replace(",", "\t"), end="\r\n").encode("utf-16"),
        counts=(1, 1, 0, 0),
    ),
    Case(
        "preamble.csv",
        (
            "Kent Police - payments over £500\nPeriod: April 2024\n\n"
            + lines(row("AP1"), row("AP2", date="31/02/2024"))
        ).encode(),
        counts=(2, 1, 1, 0),
        reasons={"Paid Date '31/02/2024' is not a date (dd/mm/yyyy)": [6]},
    ),
    Case(
        "totals.csv",
        lines(row("AP1"), row("AP2"), ",,,,,Total,200.00", "Grand total: 200.00").encode(),
        counts=(4, 2, 2, 0),
        reasons={"totals row": [4, 5]},
    ),
    Case(
        "trailer.csv",
        lines(row("AP1"), ",,,,,,", ",,xxx,,,,", "End of report").encode(),
        counts=(4, 1, 3, 0),
        reasons={
            "blank row": [3],
            "junk row: mostly empty, with no Transaction Number": [4],
            "junk row (only 'End of report' on the line)": [5],
        },
    ),
    Case(
        "blank-line-inside.csv",
        (lines(row("AP1"), "", row("AP2", amount="lots"), "", "") + "\n").encode(),
        counts=(2, 1, 1, 0),
        reasons={"Amount 'lots' is not an amount of money": [4]},
    ),
    Case(
        "bad-dates.csv",
        lines(
            row("AP1", date="00:00:00"),
            row("AP2", date="2024-13-01"),
            row("AP3", date="?"),
            row("AP4", date="5/3/2024"),
            row("AP5", date="05/03/2024 14:22"),
            row("AP6", date="5/3/2024 9:05:00"),
        ).encode(),
        counts=(6, 3, 3, 0),
        reasons={
            "Paid Date '00:00:00' is not a date (dd/mm/yyyy)": [2],
            "Paid Date '2024-13-01' is not a date (dd/mm/yyyy)": [3],
            "Paid Date is missing": [4],
        },
    ),
    Case(
        "amounts.csv",
        lines(
            row("AP1", amount="1234.5"),
            row("AP2", amount='"£1,234.50"'),
            row("AP3", amount="-12.00"),
            row("AP4", amount="(12.00)"),
            row("AP5", amount="12.00 CR"),
            row("AP6", amount="twelve pounds"),
            row("AP7", amount="N/A"),
            row("AP8", amount="TBC"),
        ).encode(),
        counts=(8, 5, 3, 0),
        reasons={
            "Amount 'twelve pounds' is not an amount of money": [7],
            "Amount is missing": [8],
            "Amount 'TBC' is not an amount of money": [9],
        },
    ),
    Case(
        "padded.csv",
        lines(row("  AP1  ", supplier="Acme Ltd                         ")).encode(),
        counts=(1, 1, 0, 0),
    ),
    Case(
        "stray-quotes.csv",
        lines(row("AP1", supplier='ACME "UK" LTD'), row("AP2", supplier='"Smith "the" builder"')).encode(),
        counts=(2, 1, 1, 0),
    ),
    Case(
        "too-many-fields.csv",
        lines(row("AP1"), row("AP2") + ",extra,fields").encode(),
        counts=(2, 1, 1, 0),
    ),
    Case("spend.csv.gz", gzip.compress(lines(row("AP1"), row("AP2")).encode()), counts=(2, 2, 0, 0)),
    Case(
        "workbook.xlsx",
        _xlsx(
            {
                "Notes": [["Payments over £500, April 2024"]],
                "Payments": [
                    ["Kent Police payments"],
                    [],
                    XLSX_HEADER,
                    [datetime(2024, 4, 3), "AP1", "Cyber Crime Unit", "Software licences", "Revenue", "Acme", 1234.5],
                    [datetime(2024, 4, 4, 9, 30), "AP2", "Cyber Crime Unit", "Training", "Revenue", "Acme", -12],
                    [],
                    ["00:00:00", "AP3", "Cyber Crime Unit", "Training", "Revenue", "Acme", 5],
                    [None, None, None, None, None, "Total", 1227.5],
                ],
            }
        ),
        counts=(4, 2, 2, 0),
        reasons={"Paid Date '00:00:00' is not a date (dd/mm/yyyy)": [7], "totals row": [8]},
    ),
]
