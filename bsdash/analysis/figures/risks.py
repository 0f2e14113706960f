"""The risks list: what a board should act on or watch, each named with its figures, from the figures the pages
show (so the board pack, the alerts and the pages agree).

- a contract inside its re-procurement lead time (act when it ends within three months);
- an IT priority missing its SLA target (act more than five points below it);
- a department whose forecast outturn is over its budget (act above 102 %, as the outturn light);
- a headline light at watch or act that none of the above already explains.

Each risk has a key that stays the same from one day to the next ("contract:CON-0012", "priority:P1",
"department:CYB"), so that the alerts can say which are new, which have cleared and which have changed level.
"""

from dataclasses import dataclass

import pandas as pd

from bsdash import formatting as fmt
from bsdash.analysis import measures
from bsdash.analysis.figures import Headline
from bsdash.analysis.measures import Level

ORDER = {"act": 0, "watch": 1, "good": 2}
KINDS = {
    "contract": "Contract inside its lead time",
    "priority": "IT priority missing its SLA",
    "department": "Department over budget",
    "light": "Headline light",
}


@dataclass(frozen=True)
class Risk:
    key: str  # stable from run to run: kind:identifier
    kind: str  # contract, priority, department or light
    level: Level  # act or watch
    title: str  # what it is about, in a few words
    sentence: str  # the figures


def contract_risks(pipeline: pd.DataFrame) -> list[Risk]:
    """Contracts inside their re-procurement lead time (contract_expiry_pipeline, most urgent first)."""
    inside = pipeline[pipeline["inside_lead_time"].fillna(False).astype(bool)]
    risks = []
    for row in inside.itertuples():
        months = float(row.months_to_end)
        level: Level = "act" if months < measures.CONTRACT_ACT_MONTHS else "watch"
        with_supplier = "" if row.supplier in row.title else f" with {row.supplier}"
        risks.append(
            Risk(
                f"contract:{row.contract_id}",
                "contract",
                level,
                f"{row.title} ({row.contract_id})",
                f"{row.title}{with_supplier} ends on {fmt.uk_date(row.end_date)} ({months:.1f} months), worth "
                f"{fmt.money(row.annual_value)} a year; re-procurement should have started on "
                f"{fmt.uk_date(row.reprocurement_start)} ({row.reprocurement_lead_months:.0f} months' lead time).",
            )
        )
    return risks


def priority_risks(by_priority: pd.DataFrame) -> list[Risk]:
    """IT priorities resolved below their own compliance target (sla_compliance_by_priority)."""
    rows = by_priority[(by_priority["tickets_resolved"] > 0) & by_priority["sla_compliance"].notna()]
    risks = []
    for row in rows.itertuples():
        points = 100 * (row.sla_compliance - row.compliance_target)
        if points >= 0:
            continue
        level: Level = "watch" if points >= -measures.SLA_WATCH_POINTS else "act"
        risks.append(
            Risk(
                f"priority:{row.priority}",
                "priority",
                level,
                f"{row.priority} {row.priority_name} tickets",
                f"{row.priority} {row.priority_name}: {fmt.percent(row.sla_compliance)} resolved within "
                f"{row.target_hours:g} hours against a target of {fmt.percent(row.compliance_target, 0)} "
                f"({abs(points):.1f} points below), over {fmt.count(row.tickets_resolved)} tickets resolved.",
            )
        )
    return risks


def department_risks(budget: pd.DataFrame, *, complete: bool) -> list[Risk]:
    """Departments whose forecast outturn (or outturn, when the period is over) is over their budget: the
    Spend & budgets page's budget table, whose outturns add up to the force's."""
    rows = budget.dropna(subset=["forecast_outturn", "budget"])
    rows = rows[(rows["budget"] > 0) & (rows["forecast_outturn"] > rows["budget"])]
    risks = []
    for row in rows.itertuples():
        status = measures.outturn_status(row.forecast_outturn, row.budget, complete=complete)
        level: Level = "act" if status.level == "act" else "watch"
        code = row.department_id if isinstance(row.department_id, str) and row.department_id else row.department
        verb = "spent" if complete else "is forecast to spend"
        risks.append(
            Risk(
                f"department:{code}",
                "department",
                level,
                str(row.department),
                f"{row.department} {verb} {fmt.money(row.forecast_outturn)} against a budget of "
                f"{fmt.money(row.budget)}: {fmt.money(row.forecast_variance)} "
                f"({row.forecast_variance_share:+.1%}) over.",
            )
        )
    return risks


def light_risks(headlines: list[Headline], explained: set[str]) -> list[Risk]:
    """Headline lights at watch or act, except those whose cause is already listed (`explained`: the light
    labels the other risks stand for)."""
    risks = []
    for tile in headlines:
        if tile.status is None or tile.status.level == "good" or tile.label in explained:
            continue
        risks.append(
            Risk(
                f"light:{tile.label}",
                "light",
                tile.status.level,
                tile.label,
                f"{tile.label} is {tile.value}: {tile.status.text.lower()}. {tile.status.reason}",
            )
        )
    return risks


def risks_list(
    headlines: list[Headline], pipeline: pd.DataFrame, by_priority: pd.DataFrame, budget: pd.DataFrame, *, complete
) -> list[Risk]:
    """Every risk, those to act on first, then by kind as listed in KINDS, each kind in its own order."""
    found = contract_risks(pipeline) + priority_risks(by_priority) + department_risks(budget, complete=complete)
    kinds = {risk.kind for risk in found}
    explained = set()
    if "contract" in kinds:
        explained.add("Contracts ending within 6 months")
    if "priority" in kinds:
        explained.add("IT SLA compliance")
    found += light_risks(headlines, explained)
    order = list(KINDS)
    return sorted(found, key=lambda r: (ORDER[r.level], order.index(r.kind)))
