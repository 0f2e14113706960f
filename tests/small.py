"""A small database, written by hand so that every figure on it is known: the sample's reference data, and a year
(2024/25) of a few payments, tickets and contracts, loaded through the import as real exports are. Built in a
second or two, it serves the engine and query tests that need data of known shape rather than the sample's volume.

The IT market is five suppliers taking 50, 25, 10, 10 and 5 % of £100,000: the head that reaches 80 % is the
first three (the third crosses it), so the tail is two suppliers and £15,000. Fleet is one supplier. Tickets are
logged in April, May and June 2024; four are still open at the end of 30/06/2024.
"""

from pathlib import Path

from bsdash import sample
from bsdash.importer import import_file
from bsdash.store import db

AS_AT = "30/06/2024"
IT_MARKET = {  # supplier: (its share of IT spend, payments)
    "Meridian Digital Services Ltd": (50_000, 5),
    "Brightwave Computing Ltd": (25_000, 5),
    "Cobalt Software Solutions Ltd": (10_000, 2),
    "Northdown Networks Ltd": (10_000, 2),
    "Apex Systems Ltd": (5_000, 1),
}
SPEND_HEADER = (
    "Paid Date,Transaction Number,Department,Service Type,Expense Type,Capital or Revenue,Supplier Name,Amount"
)
TICKET_HEADER = (
    "Number,Opened,Assigned,Resolved,Closed,State,Priority,Category,Caller Department,Assignment Group,"
    "Provider Type,Channel,Reassignment Count,Reopen Count,First Contact Resolution,SLA Met,Satisfaction"
)
# number, opened, resolved (blank: still open), priority, department, SLA met
TICKETS = [
    ("INC1", "02/04/2024 09:00", "02/04/2024 11:00", "P1", "Cyber Crime Unit", "Yes"),
    ("INC2", "03/04/2024 09:00", "03/04/2024 15:00", "P1", "Cyber Crime Unit", "No"),
    ("INC3", "04/04/2024 09:00", "05/04/2024 09:00", "P3", "Maidstone Neighbourhood Policing Team", "Yes"),
    ("INC4", "10/04/2024 09:00", "20/04/2024 09:00", "P3", "Maidstone Neighbourhood Policing Team", "No"),
    ("INC5", "02/05/2024 09:00", "02/05/2024 10:00", "P2", "Cyber Crime Unit", "Yes"),
    ("INC6", "03/05/2024 09:00", "04/05/2024 09:00", "P2", "Maidstone Neighbourhood Policing Team", "No"),
    ("INC7", "20/05/2024 09:00", "", "P3", "Maidstone Neighbourhood Policing Team", ""),  # 41 days old
    ("INC8", "03/06/2024 09:00", "03/06/2024 12:00", "P4", "Cyber Crime Unit", "Yes"),
    ("INC9", "25/06/2024 09:00", "", "P3", "Cyber Crime Unit", ""),  # 5 days old
    ("INC10", "29/06/2024 10:00", "", "P1", "Cyber Crime Unit", ""),  # a P1 open 38 hours: breached
    ("INC11", "30/06/2024 20:00", "", "P4", "Maidstone Neighbourhood Policing Team", ""),  # just logged
]
CONTRACTS = (
    "Contract Reference,Title,Supplier Name,Service Type,Start Date,End Date,Annual Value,Total Value,"
    "Procurement Route,Price Score,Quality Score,Capability Score,Re-procurement Lead (months)\n"
    "KP-T-0001,Service desk,Meridian Digital Services Ltd,IT support & maintenance,01/10/2023,30/09/2028,"
    "60000.00,300000.00,Open tender,,,,12\n"
    "KP-T-0002,Network support,Northdown Networks Ltd,IT support & maintenance,01/04/2022,31/08/2024,"
    "10000.00,25000.00,Quotation,,,,6\n"
    "KP-T-0003,Vehicle supply,Albion Motor Group Ltd,Fleet management,01/01/2023,31/12/2026,"
    "20000.00,80000.00,Framework call-off,,,,9\n"
)
BUDGETS = (
    "Financial Year,Department,Service Type,Budget\n"
    "2024/25,Cyber Crime Unit,IT support & maintenance,90000.00\n"
    "2024/25,Maidstone Neighbourhood Policing Team,IT support & maintenance,20000.00\n"
    "2024/25,Maidstone Neighbourhood Policing Team,Fleet management,18000.00\n"
)


def _payments() -> list[str]:
    rows, number = [], 0
    for supplier, (total, count) in IT_MARKET.items():
        for i in range(count):
            number += 1
            month = 4 + (number % 9)  # April to December
            department = "Cyber Crime Unit" if i % 2 == 0 else "Maidstone Neighbourhood Policing Team"
            rows.append(
                f"{10 + i:02d}/{month:02d}/2024,SM{number:04d},{department},IT support & maintenance,"
                f"IT managed service,Revenue,{supplier},{total / count:.2f}"
            )
    for i, day in enumerate(("17/04/2024", "15/05/2024", "03/09/2024", "28/02/2025")):
        rows.append(
            f"{day},SM{900 + i},Maidstone Neighbourhood Policing Team,Fleet management,Vehicle purchase,Capital,"
            f"Albion Motor Group Ltd,5000.00"
        )
    return rows


def _tickets() -> list[str]:
    rows = []
    for number, opened, resolved, priority, department, met in TICKETS:
        state = "closed" if resolved else "in progress"
        closed = resolved
        rows.append(
            f"{number},{opened},{opened},{resolved},{closed},{state},{priority},Hardware,{department},"
            f"Meridian Service Desk,external,Phone,0,0,No,{met},"
        )
    return rows


def build_small(folder: Path) -> Path:
    """Write the small exports into `folder` and import them into `folder`/small.duckdb."""
    exports = [(e.kind, e.path) for e in sample.write_reference_exports(folder / "exports")]
    files = {
        "contracts": CONTRACTS,
        "budgets": BUDGETS,
        "spend": "\n".join([SPEND_HEADER, *_payments()]) + "\n",
        "tickets": "\n".join([TICKET_HEADER, *_tickets()]) + "\n",
    }
    for kind, text in files.items():
        path = folder / "exports" / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        exports.append((kind, path))
    database = folder / "small.duckdb"
    con = db.connect(database)
    try:
        for kind, path in exports:
            report = import_file(con, path, kind)
            assert report.quarantined == 0, (kind, report.reasons)
    finally:
        con.close()
    return database
