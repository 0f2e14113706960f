"""A corpus of exports in the layouts other publishers and other tools use, written by the tests themselves.

None is one of the files in ../shared/realdata/: each imitates a layout found in the wild (the local-government
transparency template, SAP and Oracle finance reports, purchase cards, central government's spend over £25,000;
ServiceNow, Jira Service Management, BMC Remedy/Helix and Freshservice ticket exports, one row per ticket and one
row per event), with their own headers, words, dates, title blocks, totals and faults. Every row carries the fate
the import must give it, so that the counts and the pounds each file must reconcile to follow from the file.
"""

import csv
import gzip
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

import openpyxl

Cell = str | float | int | datetime | None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    fate: str = "load"  # load, quarantine, duplicate, or total (a total row: quarantined, never loaded)


@dataclass(frozen=True)
class Layout:
    name: str  # the file's name
    publisher: str  # whose layout it imitates
    kind: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    before: tuple[str, ...] = ()  # title block, report parameters, blank lines: written above the header
    delimiter: str = ","
    encoding: str = "utf-8"
    line_end: str = "\n"
    container: str = "csv"  # csv, gz or xlsx
    title_sheet: tuple[str, ...] = ()  # a workbook's cover sheet, before the sheet with the export
    amount: str | None = None  # the money column, for the pounds the file must reconcile to
    columns: dict[str, str] = field(default_factory=dict)  # our column <- the file's header, as matching must find
    records: int | None = None  # tickets the rows make (an event log makes fewer than its rows)
    event_log: bool = False

    def content(self) -> bytes:
        if self.container == "xlsx":
            return self._workbook()
        buffer = io.StringIO()
        buffer.write("".join(line + self.line_end for line in self.before))
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.line_end)
        writer.writerow(self.header)
        for row in self.rows:
            writer.writerow(["" if c is None else c for c in row.cells])
        data = buffer.getvalue().encode(self.encoding)
        return gzip.compress(data) if self.container == "gz" else data

    def _workbook(self) -> bytes:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        if self.title_sheet:
            cover = workbook.create_sheet("Cover")
            for line in self.title_sheet:
                cover.append([line])
        sheet = workbook.create_sheet("Payments over £500")
        for line in self.before:
            sheet.append([line] if line else [])
        sheet.append(list(self.header))
        for row in self.rows:
            sheet.append(list(row.cells))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def count(self, *fates: str) -> int:
        return sum(1 for r in self.rows if r.fate in fates)

    def pounds(self, *fates: str) -> Decimal:
        """The pounds of the rows of these fates whose amount can be read."""
        return sum((a for r in self.rows if r.fate in fates and (a := self._amount(r)) is not None), Decimal(0))

    def file_total(self) -> Decimal | None:
        totals = [self._amount(r) for r in self.rows if r.fate == "total"]
        return totals[-1] if totals else None

    def _amount(self, row: Row) -> Decimal | None:
        if self.amount is None or len(row.cells) != len(self.header):
            return None  # a short or long row: nothing is read from its fields
        return pounds(row.cells[self.header.index(self.amount)])


def pounds(cell: Cell) -> Decimal | None:
    """An amount as a finance analyst reads it: £, commas, credits in brackets or with a trailing minus or CR."""
    if cell is None:
        return None
    if isinstance(cell, (int, float)):
        return Decimal(str(round(cell, 2)))
    text = str(cell).strip().replace("£", "").replace(",", "").replace(" ", "")
    negative = (text.startswith("(") and text.endswith(")")) or text.endswith(("-", "CR"))
    text = text.strip("()").removesuffix("CR").rstrip("-")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return -value if negative else value


def _spend(name: str, publisher: str, header: tuple[str, ...], rows: list[Row], amount: str, columns, **options):
    return Layout(name, publisher, "spend", header, tuple(rows), amount=amount, columns=columns, **options)


def _tickets(name: str, publisher: str, header: tuple[str, ...], rows: list[Row], records: int, columns, **options):
    return Layout(name, publisher, "tickets", header, tuple(rows), records=records, columns=columns, **options)


SUPPLIERS = ("Bytes Software Services Ltd", "Capita Business Services", "Sodexo Ltd", "Kier Facilities", "Fujitsu UK")
AREAS = ("Cyber Crime Unit", "Force Control Room", "Estates", "ICT", "Fleet Services")
EXPENSES = ("Software licences", "Hardware maintenance", "Catering", "Cleaning", "Vehicle repairs")


def _cycle(values: tuple[str, ...], i: int) -> str:
    return values[i % len(values)]


LGTC = _spend(
    "lgtc-transparency-template.csv",
    "Local Government Transparency Code template (LGA)",
    (
        "Organisation Name",
        "Organisation Code",
        "Effective Date",
        "Service Category Label",
        "Service Division Label",
        "Responsible Unit",
        "Expenses Type",
        "Detailed Expenses Type",
        "Expenses Code",
        "Narrative",
        "Date",
        "Transaction Number",
        "Amount",
        "Revenue / Capital",
        "Supplier Name",
        "Supplier ID",
        "Contract Number",
        "Notes",
    ),
    [
        Row(
            (
                "Kent Police",
                "E23000032",
                "31/03/2024",
                "Police",
                "Support",
                _cycle(AREAS, i),
                _cycle(EXPENSES, i),
                "",
                f"E{i}",
                "",
                f"{2 + i:02d}/03/2024",
                f"LG{1000 + i}",
                f"{525.5 + 101 * i:.2f}" if i != 3 else "-250.00",
                "Capital" if i == 4 else "Revenue",
                "REDACTED" if i == 5 else _cycle(SUPPLIERS, i),
                f"S{i}",
                "",
                "",
            )
        )
        for i in range(8)
    ],
    "Amount",
    {
        "Paid Date": "Date",
        "Transaction Number": "Transaction Number",
        "Department": "Responsible Unit",
        "Expense Type": "Expenses Type",
        "Capital or Revenue": "Revenue / Capital",
        "Supplier Name": "Supplier Name",
        "Amount": "Amount",
    },
)

SAP = _spend(
    "sap-vendor-line-items.csv",
    "SAP vendor line items (FBL1N) exported to a spreadsheet",
    (
        "Company Code",
        "Vendor",
        "Vendor Name",
        "Document No",
        "Posting Date",
        "Clearing Date",
        "Amount £",
        "Cost Center",
        "Cost Center Name",
        "G/L Account",
        "G/L Account Name",
    ),
    [
        Row(
            (
                "KP01",
                f"10{i:04d}",
                _cycle(SUPPLIERS, i),
                f"51000{i:05d}",
                f"{10 + i:02d}.04.2024",
                f"{12 + i:02d}.04.2024",
                "250.00-" if i == 2 else f"{1234.56 * (i + 1):,.2f}",
                f"C{4100 + i}",
                _cycle(AREAS, i),
                f"6{i:05d}",
                _cycle(EXPENSES, i),
            )
        )
        for i in range(7)
    ],
    "Amount £",
    {
        "Paid Date": "Clearing Date",
        "Transaction Number": "Document No",
        "Department": "Cost Center Name",
        "Expense Type": "G/L Account Name",
        "Supplier Name": "Vendor Name",
        "Amount": "Amount £",
    },
)

_ORACLE_ROWS = [
    Row(
        (
            _cycle(SUPPLIERS, i).upper(),
            f"{20100 + i}",
            f"INV-{7000 + i}",
            f"{20 + i:02d}-FEB-2024",
            f"{1 + i:02d}-MAR-2024",
            f"{812.25 + 333 * i:,.2f}",
            _cycle(AREAS, i),
            _cycle(EXPENSES, i),
        )
    )
    for i in range(6)
]
ORACLE = _spend(
    "oracle-invoice-payment-register.csv",
    "Oracle E-Business Suite payment register: title block, parameters and a report total",
    (
        "Supplier Name",
        "Supplier Number",
        "Invoice Num",
        "Invoice Date",
        "Payment Date",
        "Payment Amount",
        "Cost Centre",
        "Account Description",
    ),
    [
        *_ORACLE_ROWS,
        Row(("Report Total", "", "", "", "", f"{sum(812.25 + 333 * i for i in range(6)):,.2f}", "", ""), "total"),
        Row(("*** End of Report ***",), "quarantine"),
    ],
    "Payment Amount",
    {
        "Paid Date": "Payment Date",
        "Transaction Number": "Invoice Num",
        "Department": "Cost Centre",
        "Expense Type": "Account Description",
        "Supplier Name": "Supplier Name",
        "Amount": "Payment Amount",
    },
    before=(
        "Kent Police",
        "Invoice Payment Register",
        "Report run: 02-APR-2024 06:15",
        "Parameters: Operating Unit = KP_OU; Payment Date From = 01-MAR-2024; Payment Date To = 31-MAR-2024",
        "",
    ),
)

NO_NUMBERS = _spend(
    "invoices-without-transaction-numbers.csv",
    "A finance system's 'invoices over £500' report: no transaction number, no capital or revenue",
    ("Date Paid", "Supplier", "Department", "Expense Type", "Amount"),
    [
        Row(("04/04/2024", "Sodexo Ltd", "Custody", "Catering", "712.40")),
        Row(("04/04/2024", "Sodexo Ltd", "Custody", "Catering", "712.40")),  # the same meal bill twice: both paid
        Row(("05/04/2024", "Kier Facilities", "Estates", "Cleaning", "1,050.00")),
        Row(("09/04/2024", "Fujitsu UK", "ICT", "Hardware maintenance", "2,400.00")),
        Row(("11/04/2024", "Fujitsu UK", "ICT", "Hardware maintenance", "-300.00")),
    ],
    "Amount",
    {"Paid Date": "Date Paid", "Supplier Name": "Supplier", "Department": "Department", "Amount": "Amount"},
)

WORKBOOK = _spend(
    "spend-workbook-with-cover-sheet.xlsx",
    "A council's Excel workbook: a cover sheet, then the payments below two title rows",
    ("Payment Date", "Payee", "Service Area", "Spend Category", "Cap/Rev", "Reference", "Net Amount"),
    [
        *(
            Row(
                (
                    datetime(2024, 5, 2 + i),
                    _cycle(SUPPLIERS, i),
                    _cycle(AREAS, i),
                    _cycle(EXPENSES, i),
                    "REV" if i % 3 else "CAP",
                    f"PAY/{24050 + i}",
                    round(640.1 + 97.35 * i, 2),
                )
            )
            for i in range(6)
        ),
        Row((None, None, None, None, None, "Total", round(sum(640.1 + 97.35 * i for i in range(6)), 2)), "total"),
    ],
    "Net Amount",
    {
        "Paid Date": "Payment Date",
        "Transaction Number": "Reference",
        "Department": "Service Area",
        "Expense Type": "Spend Category",
        "Capital or Revenue": "Cap/Rev",
        "Supplier Name": "Payee",
        "Amount": "Net Amount",
    },
    container="xlsx",
    title_sheet=("Expenditure over £500, May 2024", "Published under the Local Government Transparency Code"),
    before=("Payments over £500", "May 2024", ""),
)

SEMICOLON = _spend(
    "semicolon-separated.csv",
    "A finance system writing semicolons between fields",
    ("Paid Date", "Payment Reference", "Cost Centre", "Subjective Description", "Supplier Name", "Amount"),
    [
        Row(
            (
                f"{1 + i}/6/2024",
                f"PR-{88000 + i}",
                _cycle(AREAS, i),
                _cycle(EXPENSES, i),
                _cycle(SUPPLIERS, i),
                f"{900 + i}.99",
            )
        )
        for i in range(5)
    ],
    "Amount",
    {"Transaction Number": "Payment Reference", "Expense Type": "Subjective Description"},
    delimiter=";",
)

WINDOWS_1252 = _spend(
    "windows-1252-pounds.csv",
    "Excel on Windows saving CSV: Windows-1252, £ signs, thousands separators",
    ("Date", "Trans Ref", "Directorate", "Expense Description", "Supplier", "Amount (£)"),
    [
        Row(("03/07/2024", "TR1", "Corporate Services", "Catering", "Café Nero Group", "£1,234.50")),
        Row(("03/07/2024", "TR2", "Corporate Services", "Legal fees", "O’Brien & Partners", "£12,000.00")),
        Row(("04/07/2024", "TR3", "Operations", "Fuel", "Certas Energy", "£640.00")),
        Row(("05/07/2024", "TR4", "Operations", "Fuel", "Certas Energy", "£ 75.20")),
    ],
    "Amount (£)",
    {"Transaction Number": "Trans Ref", "Department": "Directorate", "Amount": "Amount (£)"},
    encoding="cp1252",
    line_end="\r\n",
)

WITHHELD = _spend(
    "withheld-payees.csv",
    "Grants and refunds to individuals, the payee withheld as personal data",
    (
        "Payment Date",
        "Transaction ID",
        "Service Area",
        "Expense Type",
        "Capital/Revenue",
        "Beneficiary",
        "Amount",
    ),
    [
        Row(("01/08/2024", "G1", "Victim Services", "Grants", "Revenue", "", "1,500.00")),
        Row(("01/08/2024", "G2", "Victim Services", "Grants", "Revenue", "", "2,250.00")),
        Row(
            (
                "02/08/2024",
                "G3",
                "Professional Standards",
                "Compensation",
                "Revenue",
                "Redacted personal data",
                "800.00",
            )
        ),
        Row(("02/08/2024", "G4", "Estates", "Rent", "Revenue", "Landmark Estates", "4,100.00")),
    ],
    "Amount",
    {"Supplier Name": "Beneficiary", "Transaction Number": "Transaction ID"},
)

KIND_OF_SPEND = _spend(
    "kind-of-spend.csv",
    "A publisher's own headers: capital or revenue and the paid date known only by their values",
    ("Paid", "Doc Ref", "Cost Centre", "Purpose", "Kind of Spend", "Payee", "Value"),
    [
        Row(
            (
                f"{10 + i}/09/2024",
                f"D{i}",
                _cycle(AREAS, i),
                _cycle(EXPENSES, i),
                "Capital" if i in (1, 5) else "Revenue",
                _cycle(SUPPLIERS, i),
                f"{700 + 45 * i}.00",
            )
        )
        for i in range(8)
    ],
    "Value",
    {"Capital or Revenue": "Kind of Spend", "Paid Date": "Paid", "Amount": "Value", "Expense Type": "Purpose"},
)

DAMAGED = _spend(
    "damaged-headers.csv",
    "Headers damaged by hand: letters lost or swapped",
    ("Date Pd", "Trnsaction Number", "Departmnet", "Expense Type", "Suplier Name", "Ammount"),
    [
        Row((f"0{1 + i}/10/2024", f"TX{i}", _cycle(AREAS, i), _cycle(EXPENSES, i), _cycle(SUPPLIERS, i), f"{555 + i}"))
        for i in range(6)
    ],
    "Ammount",
    {
        "Paid Date": "Date Pd",
        "Transaction Number": "Trnsaction Number",
        "Department": "Departmnet",
        "Supplier Name": "Suplier Name",
        "Amount": "Ammount",
    },
)

CRLF_BLANKS = _spend(
    "bom-crlf-blank-lines.csv",
    "UTF-8 with a byte-order mark, CRLF line ends, blank lines, a time where a date should be",
    ("Paid Date", "Transaction Number", "Department", "Expense Type", "Capital or Revenue", "Supplier Name", "Amount"),
    [
        Row(("01/11/2024", "B1", "ICT", "Software licences", "Revenue", "Bytes", "1000.00")),
        Row(("", "", "", "", "", "", "")),
        Row(("00:00:00", "B2", "ICT", "Software licences", "Revenue", "Bytes", "2000.00"), "quarantine"),
        Row(("03/11/2024", "B3", "ICT", "Software licences", "Revenue", "Bytes", "3000.00")),
    ],
    "Amount",
    {"Paid Date": "Paid Date"},
    encoding="utf-8-sig",
    line_end="\r\n",
)
# The row of empty fields is a blank row: quarantined as such, with no amount.
CRLF_BLANKS = Layout(
    **{
        **CRLF_BLANKS.__dict__,
        "rows": tuple(Row(r.cells, "quarantine") if not any(r.cells) else r for r in CRLF_BLANKS.rows),
    }
)

UTF16 = _spend(
    "excel-unicode-text.txt",
    "Excel's 'Unicode text': UTF-16, tab separated",
    ("Paid Date", "Transaction Number", "Department", "Expense Type", "Supplier Name", "Amount"),
    [
        Row((f"1{i}/12/2024", f"U{i}", _cycle(AREAS, i), _cycle(EXPENSES, i), _cycle(SUPPLIERS, i), f"6{i}0.00"))
        for i in range(4)
    ],
    "Amount",
    {"Supplier Name": "Supplier Name"},
    delimiter="\t",
    encoding="utf-16",
    line_end="\r\n",
)

PIPES = _spend(
    "pipe-delimited.csv.gz",
    "A nightly extract: gzip-compressed, fields between pipes",
    ("PAYMENT_DATE", "PAYMENT_NUMBER", "COST_CENTRE_NAME", "EXPENSE_TYPE", "SUPPLIER_NAME", "PAYMENT_AMOUNT"),
    [
        Row(
            (f"2025-01-{10 + i}", f"P{i}", _cycle(AREAS, i), _cycle(EXPENSES, i), _cycle(SUPPLIERS, i), f"{1000 + i}.5")
        )
        for i in range(5)
    ],
    "PAYMENT_AMOUNT",
    {"Transaction Number": "PAYMENT_NUMBER", "Department": "COST_CENTRE_NAME", "Amount": "PAYMENT_AMOUNT"},
    delimiter="|",
    container="gz",
)

GRAND_TOTAL_DIFFERS = _spend(
    "grand-total-differs.csv",
    "A council file whose own grand total was typed in by hand, £10 out",
    ("Body Name", "Date", "Transaction Number", "Service Area", "Expense Type", "Supplier Name", "Amount"),
    [
        *(
            Row(
                (
                    "Kent Police",
                    "06/02/2025",
                    f"GT{i}",
                    _cycle(AREAS, i),
                    _cycle(EXPENSES, i),
                    _cycle(SUPPLIERS, i),
                    "1,000.00",
                )
            )
            for i in range(4)
        ),
        Row(("", "", "", "", "", "Grand Total", "4,010.00"), "total"),
    ],
    "Amount",
    {"Paid Date": "Date"},
)

SUBTOTALS = _spend(
    "subtotals-by-department.csv",
    "A report grouped by department, a sub-total under each and a grand total at the end",
    ("Department", "Payment Date", "Voucher Number", "Supplier", "Description", "Value"),
    [
        Row(("ICT", "03/03/2025", "V1", "Fujitsu UK", "Laptops", "2,000.00")),
        Row(("ICT", "04/03/2025", "V2", "Bytes Software Services Ltd", "Licences", "1,500.00")),
        Row(("", "", "", "Sub-total: ICT", "", "3,500.00"), "total"),
        Row(("Estates", "05/03/2025", "V3", "Kier Facilities", "Repairs", "800.00")),
        Row(("", "", "", "Sub-total: Estates", "", "800.00"), "total"),
        Row(("", "", "", "Grand total", "", "4,300.00"), "total"),
    ],
    "Value",
    {"Transaction Number": "Voucher Number", "Amount": "Value"},
)

CREDITS = _spend(
    "credits-every-way.csv",
    "Credits written in brackets, with a trailing minus, with CR, and amounts with £ and spaces",
    ("Paid Date", "Transaction Number", "Department", "Expense Type", "Supplier Name", "Amount"),
    [
        Row(("07/04/2025", "C1", "ICT", "Licences", "Bytes", "(120.00)")),
        Row(("07/04/2025", "C2", "ICT", "Licences", "Bytes", "45.10 CR")),
        Row(("07/04/2025", "C3", "ICT", "Licences", "Bytes", "£2,000.00")),
        Row(("08/04/2025", "C4", "ICT", "Licences", "Bytes", "-15.5")),
        Row(("08/04/2025", "C5", "ICT", "Licences", "Bytes", "99.99-")),
        Row(("08/04/2025", "C6", "ICT", "Licences", "Bytes", "twelve pounds"), "quarantine"),
    ],
    "Amount",
    {"Amount": "Amount"},
)

REPEATS = _spend(
    "repeated-lines.csv",
    "A payment exported twice in the same file, and a number reused with another amount",
    ("Paid Date", "Transaction Number", "Department", "Expense Type", "Supplier Name", "Amount"),
    [
        Row(("01/05/2025", "R1", "ICT", "Licences", "Bytes", "500.00")),
        Row(("01/05/2025", "R1", "ICT", "Licences", "Bytes", "500.00"), "duplicate"),
        Row(("02/05/2025", "R2", "ICT", "Licences", "Bytes", "700.00")),
        Row(("02/05/2025", "R2", "ICT", "Licences", "Bytes", "701.00"), "quarantine"),
    ],
    "Amount",
    {"Transaction Number": "Transaction Number"},
)

RAGGED = _spend(
    "short-and-long-rows.csv",
    "Lines with fields missing or added by a broken export",
    ("Paid Date", "Transaction Number", "Department", "Expense Type", "Supplier Name", "Amount"),
    [
        Row(("01/06/2025", "S1", "ICT", "Licences", "Bytes", "100.00")),
        Row(("01/06/2025", "S2", "ICT", "Licences", "200.00"), "quarantine"),  # a field lost: nothing shifts
        Row(("01/06/2025", "S3", "ICT", "Licences", "Bytes, Ltd", "300.00", "extra"), "quarantine"),
        Row(("02/06/2025", "S4", "ICT", "Licences", "Bytes", "400.00")),
    ],
    "Amount",
    {"Amount": "Amount"},
)

PURCHASE_CARD = _spend(
    "purchase-card-transactions.csv",
    "Government Procurement Card transactions: merchant, category, no transaction number or department",
    ("Transaction Date", "Merchant Name", "Merchant Category", "Cardholder Cost Centre Code", "Amount"),
    [
        Row((f"{3 + i:02d}/07/2025", f"MERCHANT {i % 3}", _cycle(EXPENSES, i), f"CC{i}", f"{510 + i * 12}.25"))
        for i in range(5)
    ],
    "Amount",
    {"Paid Date": "Transaction Date", "Supplier Name": "Merchant Name", "Expense Type": "Merchant Category"},
)

CENTRAL_GOVERNMENT = _spend(
    "central-government-spend-over-25k.csv",
    "Central government's 'spend over £25,000' layout",
    (
        "Department family",
        "Entity",
        "Date",
        "Expense Type",
        "Expense Area",
        "Supplier",
        "Transaction number",
        "Amount",
        "Description",
        "Supplier Postcode",
    ),
    [
        Row(
            (
                "Home Office",
                "Kent Police",
                f"{20 + i}/08/2025",
                _cycle(EXPENSES, i),
                _cycle(AREAS, i),
                _cycle(SUPPLIERS, i),
                f"HO{9000 + i}",
                f"{25000 + 1111.11 * i:.2f}",
                "",
                "ME15 6AB",
            )
        )
        for i in range(5)
    ],
    "Amount",
    {"Department": "Expense Area", "Paid Date": "Date", "Transaction Number": "Transaction number"},
)

SPEND_LAYOUTS = (
    LGTC,
    SAP,
    ORACLE,
    NO_NUMBERS,
    WORKBOOK,
    SEMICOLON,
    WINDOWS_1252,
    WITHHELD,
    KIND_OF_SPEND,
    DAMAGED,
    CRLF_BLANKS,
    UTF16,
    PIPES,
    GRAND_TOTAL_DIFFERS,
    SUBTOTALS,
    CREDITS,
    REPEATS,
    RAGGED,
    PURCHASE_CARD,
    CENTRAL_GOVERNMENT,
)

# Service-desk tools.
SERVICENOW = _tickets(
    "servicenow-incidents.csv",
    "ServiceNow incident list export, one row per incident",
    (
        "number",
        "short_description",
        "state",
        "priority",
        "impact",
        "urgency",
        "opened_at",
        "resolved_at",
        "closed_at",
        "assignment_group",
        "assigned_to",
        "category",
        "contact_type",
        "reassignment_count",
        "reopen_count",
        "made_sla",
    ),
    [
        Row(
            (
                "INC0100001",
                "Laptop will not boot",
                "Closed",
                "3 - Moderate",
                "2 - Medium",
                "2 - Medium",
                "2024-04-01 09:05:00",
                "2024-04-01 15:00:00",
                "2024-04-04 15:00:00",
                "Desktop Support",
                "jane.smith@kent.police.uk",
                "Hardware",
                "Phone",
                "0",
                "0",
                "true",
            )
        ),
        Row(
            (
                "INC0100002",
                "Niche RMS slow",
                "Resolved",
                "2 - High",
                "1 - High",
                "2 - Medium",
                "2024-04-01 10:00:00",
                "2024-04-01 16:30:00",
                "",
                "Applications",
                "amir.khan@kent.police.uk",
                "Software",
                "Self-service",
                "1",
                "0",
                "true",
            )
        ),
        Row(
            (
                "INC0100003",
                "Printer jam",
                "On Hold",
                "4 - Low",
                "3 - Low",
                "3 - Low",
                "2024-04-02 08:00:00",
                "",
                "",
                "Desktop Support",
                "",
                "Hardware",
                "Email",
                "0",
                "0",
                "",
            )
        ),
        Row(
            (
                "INC0100004",
                "Airwave handset",
                "In Progress",
                "1 - Critical",
                "1 - High",
                "1 - High",
                "2024-04-02 11:00:00",
                "",
                "",
                "Radio",
                "lee.brown@kent.police.uk",
                "Network",
                "Phone",
                "2",
                "0",
                "",
            )
        ),
        Row(
            (
                "INC0100005",
                "Password reset",
                "Closed",
                "4 - Low",
                "3 - Low",
                "3 - Low",
                "",
                "2024-04-03 09:10:00",
                "2024-04-05 09:10:00",
                "Service Desk",
                "",
                "Access",
                "Phone",
                "0",
                "0",
                "true",
            ),
            "quarantine",
        ),
    ],
    4,
    {"Number": "number", "State": "state", "Priority": "priority", "Opened": "opened_at", "Channel": "contact_type"},
)

SERVICENOW_AUDIT = _tickets(
    "servicenow-incident-history.csv",
    "ServiceNow incident history, one row per update, without update numbers or counts",
    ("Number", "State", "Assignment group", "Assigned to", "Priority", "Updated"),
    [
        Row(("INC0200001", "New", "Service Desk", "", "3 - Moderate", "2024-05-01 08:00:00")),
        Row(
            (
                "INC0200001",
                "In Progress",
                "Service Desk",
                "sam.jones@kent.police.uk",
                "3 - Moderate",
                "2024-05-01 08:20:00",
            )
        ),
        Row(("INC0200001", "In Progress", "Network", "kim.lee@kent.police.uk", "3 - Moderate", "2024-05-01 10:00:00")),
        Row(("INC0200001", "Resolved", "Network", "kim.lee@kent.police.uk", "3 - Moderate", "2024-05-02 10:00:00")),
        Row(("INC0200002", "New", "Service Desk", "", "2 - High", "2024-05-03 09:00:00")),
        Row(("INC0200002", "Canceled", "Service Desk", "", "2 - High", "2024-05-03 09:30:00")),
    ],
    2,
    {"Number": "Number", "Updated": "Updated", "Assignment Group": "Assignment group"},
    event_log=True,
)

JIRA = _tickets(
    "jira-service-management-issues.csv",
    "Jira Service Management issue export (CSV, all fields)",
    (
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Resolved",
        "Request Type",
    ),
    [
        Row(
            (
                "VPN drops",
                "ITSM-101",
                "10101",
                "Incident",
                "Done",
                "High",
                "Done",
                "Ana Patel",
                "Chris Page",
                "01/Apr/24 9:05 AM",
                "02/Apr/24 4:00 PM",
                "01/Apr/24 3:30 PM",
                "Get IT help",
            )
        ),
        Row(
            (
                "New starter laptop",
                "ITSM-102",
                "10102",
                "Service request",
                "Waiting for customer",
                "Medium",
                "",
                "Ana Patel",
                "Dee Long",
                "02/Apr/24 10:00 AM",
                "03/Apr/24 11:00 AM",
                "",
                "Request new hardware",
            )
        ),
        Row(
            (
                "Email bounce",
                "ITSM-103",
                "10103",
                "Incident",
                "In Progress",
                "Highest",
                "",
                "Ben Ode",
                "Chris Page",
                "03/Apr/24 8:45 AM",
                "03/Apr/24 9:15 AM",
                "",
                "Get IT help",
            )
        ),
        Row(
            (
                "Teams licence",
                "ITSM-104",
                "10104",
                "Service request",
                "Closed",
                "Low",
                "Done",
                "Ben Ode",
                "Eve Ray",
                "03/Apr/24 1:00 PM",
                "05/Apr/24 1:00 PM",
                "04/Apr/24 1:00 PM",
                "Request software",
            )
        ),
    ],
    4,
    {"Number": "Issue key", "Opened": "Created", "Resolved": "Resolved", "Category": "Request Type"},
)

JIRA_HISTORY = _tickets(
    "jira-status-transitions.csv",
    "Jira status transitions (one row per status change)",
    ("Key", "To Status", "Priority", "Assignee", "Transition date"),
    [
        Row(("ITSM-201", "Waiting for support", "High", "", "10/Apr/24 9:00 AM")),
        Row(("ITSM-201", "In Progress", "High", "Ana Patel", "10/Apr/24 9:40 AM")),
        Row(("ITSM-201", "Done", "High", "Ana Patel", "10/Apr/24 2:00 PM")),
        Row(("ITSM-201", "In Progress", "High", "Ana Patel", "11/Apr/24 9:00 AM")),
        Row(("ITSM-201", "Done", "High", "Ana Patel", "11/Apr/24 11:00 AM")),
        Row(("ITSM-202", "Waiting for support", "Lowest", "", "12/Apr/24 3:00 PM")),
    ],
    2,
    {"Number": "Key", "State": "To Status", "Updated": "Transition date", "Assigned To": "Assignee"},
    event_log=True,
)

REMEDY = _tickets(
    "remedy-incidents.csv",
    "BMC Remedy / Helix ITSM incident report, one row per incident",
    (
        "Incident ID",
        "Status",
        "Status Reason",
        "Priority",
        "Impact",
        "Urgency",
        "Assigned Group",
        "Assignee",
        "Submit Date",
        "Last Resolved Date",
        "Closed Date",
        "Reported Source",
        "Operational Categorization Tier 1",
        "Department",
    ),
    [
        Row(
            (
                "INC000000301001",
                "Closed",
                "",
                "Medium",
                "3-Moderate/Limited",
                "3-Medium",
                "Service Desk",
                "R. Shaw",
                "06/05/2024 08:10:00",
                "06/05/2024 12:00:00",
                "09/05/2024 12:00:00",
                "Phone",
                "Hardware",
                "Force Control Room",
            )
        ),
        Row(
            (
                "INC000000301002",
                "Pending",
                "Client Action Required",
                "High",
                "2-Significant/Large",
                "2-High",
                "Networks",
                "P. Grey",
                "07/05/2024 09:00:00",
                "",
                "",
                "Email",
                "Network",
                "ICT",
            )
        ),
        Row(
            (
                "INC000000301003",
                "Assigned",
                "",
                "Critical",
                "1-Extensive/Widespread",
                "1-Critical",
                "Networks",
                "",
                "07/05/2024 10:00:00",
                "",
                "",
                "Self Service",
                "Network",
                "Cyber Crime Unit",
            )
        ),
        Row(
            (
                "INC000000301004",
                "Cancelled",
                "",
                "Low",
                "4-Minor/Localized",
                "4-Low",
                "Service Desk",
                "",
                "08/05/2024 11:00:00",
                "",
                "",
                "Web",
                "Software",
                "Estates",
            )
        ),
    ],
    4,
    {"Number": "Incident ID", "Opened": "Submit Date", "Resolved": "Last Resolved Date", "Sub-state": "Status Reason"},
)

HELIX_AUDIT = _tickets(
    "helix-incident-audit.csv",
    "BMC Helix audit log: one row per status change, no opened time",
    ("Incident Number", "Status", "Status Reason", "Assigned Group", "Audit Date"),
    [
        Row(("INC000000401001", "Assigned", "", "Service Desk", "13/05/2024 08:00:00")),
        Row(("INC000000401001", "In Progress", "", "Service Desk", "13/05/2024 08:30:00")),
        Row(("INC000000401001", "Pending", "Supplier Delivery", "Field Engineers", "13/05/2024 12:00:00")),
        Row(("INC000000401001", "Resolved", "", "Field Engineers", "15/05/2024 16:00:00")),
        Row(("INC000000401001", "Closed", "", "Field Engineers", "20/05/2024 16:00:00")),
        Row(("INC000000401002", "Assigned", "", "Service Desk", "14/05/2024 09:00:00")),
    ],
    2,
    {"Number": "Incident Number", "Updated": "Audit Date", "Sub-state": "Status Reason"},
    event_log=True,
)

FRESHSERVICE = _tickets(
    "freshservice-tickets.csv",
    "Freshservice ticket export",
    (
        "Ticket Id",
        "Subject",
        "Status",
        "Priority",
        "Source",
        "Type",
        "Agent",
        "Group",
        "Created Time",
        "Due by Time",
        "Resolved Time",
        "Closed Time",
        "Updated Time",
        "Category",
        "Department",
    ),
    [
        Row(
            (
                "#INC-501",
                "Monitor flicker",
                "Closed",
                "Low",
                "Portal",
                "Incident",
                "Sue Hart",
                "Hardware",
                "2024-06-03 09:00:00",
                "2024-06-06 09:00:00",
                "2024-06-03 11:00:00",
                "2024-06-05 11:00:00",
                "2024-06-05 11:00:00",
                "Hardware",
                "Roads Policing",
            )
        ),
        Row(
            (
                "#INC-502",
                "Cannot log in",
                "Open",
                "Urgent",
                "Phone",
                "Incident",
                "",
                "Service Desk",
                "2024-06-04 07:30:00",
                "2024-06-04 11:30:00",
                "",
                "",
                "2024-06-04 07:31:00",
                "Access",
                "Force Control Room",
            )
        ),
        Row(
            (
                "#SR-503",
                "New phone",
                "Pending",
                "Medium",
                "Email",
                "Service Request",
                "Tom Bell",
                "Mobile",
                "2024-06-04 10:00:00",
                "2024-06-11 10:00:00",
                "",
                "",
                "2024-06-05 10:00:00",
                "Hardware",
                "Custody",
            )
        ),
    ],
    3,
    {"Number": "Ticket Id", "Opened": "Created Time", "Channel": "Source", "Assignment Group": "Group"},
)

FRESHSERVICE_ACTIVITIES = _tickets(
    "freshservice-activities.csv",
    "Freshservice ticket activities: one row per change",
    ("Ticket ID", "Activity Time", "Performed By", "Status", "Group"),
    [
        Row(("#INC-601", "2024-06-10 08:00:00", "System", "Open", "Service Desk")),
        Row(("#INC-601", "2024-06-10 08:05:00", "Sue Hart", "Open", "Hardware")),
        Row(("#INC-601", "2024-06-10 12:00:00", "Sue Hart", "Resolved", "Hardware")),
        Row(("#INC-601", "2024-06-12 12:00:00", "System", "Closed", "Hardware")),
        Row(("#INC-602", "2024-06-11 09:00:00", "System", "Open", "Service Desk")),
        Row(("#INC-602", "", "System", "Pending", "Service Desk"), "quarantine"),  # an event with no time
    ],
    2,
    {"Number": "Ticket ID", "Updated": "Activity Time", "State": "Status"},
    event_log=True,
)

DAMAGED_TICKETS = _tickets(
    "damaged-ticket-headers.csv",
    "A ticket export whose headers were damaged by hand: the state known by its values",
    ("Ref", "Stte", "Priorty", "Opened", "Resolved"),
    [
        Row(("CASE-1", "Resolved", "P2", "01/07/2024 09:00", "01/07/2024 12:00")),
        Row(("CASE-2", "In Progress", "P3", "01/07/2024 10:00", "")),
        Row(("CASE-3", "Closed", "P4", "02/07/2024 10:00", "02/07/2024 17:00")),
        Row(("CASE-4", "New", "P1", "03/07/2024 10:00", "")),
    ],
    4,
    {"Number": "Ref", "State": "Stte", "Priority": "Priorty"},
)

TICKET_LAYOUTS = (
    SERVICENOW,
    SERVICENOW_AUDIT,
    JIRA,
    JIRA_HISTORY,
    REMEDY,
    HELIX_AUDIT,
    FRESHSERVICE,
    FRESHSERVICE_ACTIVITIES,
    DAMAGED_TICKETS,
)

LAYOUTS = SPEND_LAYOUTS + TICKET_LAYOUTS
