"""Departments compared per head: two to four departments side by side, their IT demand and service levels,
and every department's spend per FTE indexed against the force's average."""

from dataclasses import dataclass

from bsdash.analysis import measures
from bsdash.analysis.figures import Fetch, Runner, Table, table
from bsdash.analysis.figures.drill import Bar
from bsdash.analysis.periods import Filters

# The comparison the service was designed around: the Cyber Crime Unit against a neighbourhood team.
DESIGNED_AROUND = ("CYB", "NPT-MAI")
PER_FTE = {
    "department": "Department",
    "service": "Service type",
    "total_fte": "FTE",
    "amount": "Spend (£)",
    "amount_per_fte": "Spend per FTE (£)",
}
TICKETS = {
    "department": "Department",
    "tickets_logged": "Tickets logged",
    "tickets_per_100_fte": "Tickets per 100 FTE",
    "sla_compliance": "SLA compliance (%)",
    "median_hours_to_resolve": "Median hours to resolve",
    "p90_hours_to_resolve": "90th percentile hours to resolve",
}
INDEX = {
    "department": "Department",
    "service": "Service type",
    "amount_per_fte": "Spend per FTE (£)",
    "force_per_fte": "Force average per FTE (£)",
    "index": "Index (force average = 100)",
}


def default_comparison(filters: Filters, known: list[str]) -> list[str]:
    """The panel's departments when it names two to four; otherwise the designed-around pair (or any two)."""
    if 2 <= len(filters.departments) <= 4:
        return list(filters.departments)
    chosen = [code for code in DESIGNED_AROUND if code in known]
    return chosen + [code for code in known if code not in chosen][: max(0, 2 - len(chosen))]


@dataclass(frozen=True)
class Departments:
    sentence: str
    has_spend: bool
    per_fte: Table
    tickets: Table
    shows_tickets: bool
    indexed: Table
    highlighted: list[str]  # the names of the departments compared, marked on the heatmap
    has_index: bool  # any payment to index at all


def departments(filters: Filters, run: Runner, compared: list[str]) -> Departments:
    fetch = Fetch(run)
    everyone = fetch("spend_by_department_and_service", **filters.with_departments(()).params())
    chosen = everyone[everyone["department_id"].isin(compared)]
    tickets = fetch("sla_compliance_by_department", **filters.with_departments(tuple(compared)).params())
    tickets = tickets[tickets["department_id"].isin(compared)]
    has_spend = bool(chosen["amount"].abs().sum())

    sentence = "The departments chosen made no payments for these services in this period."
    if has_spend:
        sentence = measures.largest_differences(chosen) + measures.demand_difference(tickets)
    order = {code: i for i, code in enumerate(compared)}
    ordered = chosen.assign(order=chosen["department_id"].map(order)).sort_values(["order", "service"])
    indexed = measures.index_to_average(everyone)
    if filters.departments:
        indexed = indexed[indexed["department_id"].isin(filters.departments) | indexed["department_id"].isin(compared)]
    names = everyone.drop_duplicates("department_id")
    return Departments(
        sentence=sentence,
        has_spend=has_spend,
        per_fte=table("Spend per FTE by service type", ordered, "spend-per-fte-by-department", columns=PER_FTE),
        tickets=table("IT support by department", tickets, "tickets-by-department", columns=TICKETS),
        shows_tickets=filters.includes_it_support() and not tickets.empty,
        indexed=table(
            "Spend per FTE against the force average",
            indexed,
            "spend-index-by-department-and-service",
            columns=INDEX,
            derived="indexed to the force's average per FTE (all spend on the service over every department's FTE)",
        ),
        highlighted=list(names.loc[names["department_id"].isin(compared), "department"]),
        has_index=bool(indexed["amount"].abs().sum()),
    )


BARS = {
    "departments_per_fte": Bar(
        "payments",
        ("department", "service"),
        point=lambda p: {"department": p["customdata"][0], "service": p["customdata"][1]},
        label=lambda n, names: (
            f"{names.departments.get(n['department'], n['department'])}, "
            f"{names.services.get(n['service'], n['service'])}"
        ),
    ),
    "departments_demand": Bar(
        "tickets",
        ("department",),
        point=lambda p: {"department": p["customdata"][0]} if isinstance(p["customdata"][0], str) else None,
        label=lambda n, names: f"tickets raised by {names.departments.get(n['department'], n['department'])}",
        which="logged",
    ),
}
