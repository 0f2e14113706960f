"""What the benchmark asks of each named query: the parameters a page passes for a typical view.

Two views: a whole financial year with every department (what a leader opens), and the same year narrowed to
two departments and three service types (what a planner opens). Every named query is measured, because the
data explorer runs any of them; a query that needs a parameter no page fills in by itself is left out and said so.
"""

from dataclasses import dataclass
from datetime import date

from bsdash.queries import Query

YEAR = "2024/25"
YEAR_FROM, YEAR_TO = date(2024, 4, 1), date(2025, 3, 31)
FILTERED_DEPARTMENTS = ["CYB", "NPT-MAI"]
FILTERED_SERVICES = ["it_support", "training", "facilities"]
# What the pages pass besides the shared filters: the overview looks six months ahead for contracts; the data
# explorer lists at most 10,000 rows unless asked for more (pages/explorer.py).
PAGE_DEFAULTS = {"within_months": 6, "row_limit": 10_000}


@dataclass(frozen=True)
class View:
    name: str
    description: str
    departments: list[str] | None
    services: list[str] | None

    def params(self, query: Query, as_at: date) -> dict[str, object] | None:
        """The parameters a page passes to `query` in this view; None when it needs one nobody fills in."""
        known = {
            "date_from": YEAR_FROM,
            "date_to": YEAR_TO,
            "as_at": as_at,
            "departments": self.departments,
            "services": self.services,
            **PAGE_DEFAULTS,
        }
        values = {}
        for param in query.params:
            if param.name in known:
                values[param.name] = known[param.name]
            elif not param.optional:
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
