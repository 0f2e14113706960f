"""What the benchmark asks of each named query: the parameters a page passes for a typical view.

Two views: a whole financial year with every department (what a leader opens), and the same year narrowed to
two departments and three service types (what a planner opens). Every named query is measured, because the
data explorer runs any of them; a query that needs a parameter no page fills in by itself is left out and said so.
"""

from dataclasses import dataclass
from datetime import date

import duckdb

from bsdash.store import db
from bsdash.store.queries import Query

YEAR = "2024/25"
YEAR_FROM, YEAR_TO = date(2024, 4, 1), date(2025, 3, 31)
FILTERED_DEPARTMENTS = ["CYB", "NPT-MAI"]
FILTERED_SERVICES = ["it_support", "training", "facilities"]
# What the pages pass besides the shared filters: the overview looks six months ahead for contracts; the data
# explorer lists at most 10,000 rows unless asked for more (pages/explorer.py); the outsourcing page looks at
# twelve months either side of IT support's change of provider; benchmarks compare a financial year.
PAGE_DEFAULTS = {
    "within_months": 6,
    "row_limit": 10_000,
    "financial_year": YEAR,
    "change_date": date(2023, 10, 1),
    "window_months": 12,
    "service": "it_support",
}


@dataclass(frozen=True)
class DataDefaults:
    """Values a page takes from the data itself."""

    as_at: date
    contract_id: str | None  # the first tender the procurement page shows


def data_defaults(con: duckdb.DuckDBPyConnection) -> DataDefaults:
    as_at = db.scalar(
        con, "select greatest((select max(paid_date) from spend), (select max(opened_at)::date from tickets))"
    )
    contract = None
    if db.scalar(con, "select count(*) from duckdb_tables() where table_name = 'tender_bids'"):
        contract = db.scalar(con, "select min(contract_id) from tender_bids")
    return DataDefaults(as_at or date.today(), contract)


@dataclass(frozen=True)
class View:
    name: str
    description: str
    departments: list[str] | None
    services: list[str] | None

    def params(self, query: Query, defaults: DataDefaults) -> dict[str, object] | None:
        """The parameters a page passes to `query` in this view; None when it needs one nobody fills in."""
        known = {
            "date_from": YEAR_FROM,
            "date_to": YEAR_TO,
            "as_at": defaults.as_at,
            "departments": self.departments,
            "services": self.services,
            "contract_id": defaults.contract_id,
            **PAGE_DEFAULTS,
        }
        values = {}
        for param in query.params:
            if param.name in ("departments", "services"):
                values[param.name] = known[param.name]
            elif param.optional:
                continue  # what a click narrows to (a bar's service, supplier, ...): not part of the view
            elif known.get(param.name) is not None:
                values[param.name] = known[param.name]
            else:
                return None
        return values


VIEWS = (
    View("year", f"financial year {YEAR}, all departments and services", None, None),
    View(
        "filtered",
        f"financial year {YEAR}, {' and '.join(FILTERED_DEPARTMENTS)}, {', '.join(FILTERED_SERVICES)}",
        FILTERED_DEPARTMENTS,
        FILTERED_SERVICES,
    ),
)
