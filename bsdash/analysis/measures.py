"""Judgements and sentences computed from query results: traffic lights, comparisons, written summaries.

Pure functions over DataFrames and numbers, so that every threshold and every sentence is tested without
Streamlit. The thresholds are stated here once and shown on the pages from here.
"""

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from bsdash.formatting import money, money_short, percent

Level = Literal["good", "watch", "act"]


@dataclass(frozen=True)
class Status:
    level: Level
    reason: str

    @property
    def text(self) -> str:
        return {"good": "On track", "watch": "Watch", "act": "Act"}[self.level]


# Thresholds, written as the pages state them.
OUTTURN_WATCH, OUTTURN_ACT = 1.00, 1.02
SLA_WATCH_POINTS = 5.0
AT_RISK_WATCH, AT_RISK_ACT = 0.10, 0.20
CONTRACT_ACT_MONTHS, CONTRACT_WATCH_MONTHS = 3, 6
COST_PER_FTE_WATCH, COST_PER_FTE_ACT = 0.03, 0.08

THRESHOLDS = {
    "Forecast outturn": f"on track up to {OUTTURN_WATCH:.0%} of budget, watch up to {OUTTURN_ACT:.0%}, act above.",
    "SLA compliance": f"each priority against its own target: on track when every priority meets it, watch when "
    f"the worst is within {SLA_WATCH_POINTS:g} points below, act below that.",
    "Open tickets": f"at risk = 75 % or more of the SLA time used; on track when under {AT_RISK_WATCH:.0%} of open "
    f"tickets are at risk or breached, watch under {AT_RISK_ACT:.0%}, act above.",
    "Contracts ending": f"act when one ends within {CONTRACT_ACT_MONTHS} months, watch within "
    f"{CONTRACT_WATCH_MONTHS}, on track when none does.",
    "Support cost per FTE": f"against the same period a year before: on track up to +{COST_PER_FTE_WATCH:.0%}, "
    f"watch up to +{COST_PER_FTE_ACT:.0%}, act above.",
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def outturn_status(forecast: float | None, budget: float | None, *, complete: bool = False) -> Status:
    """The outturn against the budget; `complete` when the period is over (the outturn is then what was paid)."""
    if _missing(forecast) or _missing(budget) or not budget:
        return Status("watch", "No budget to compare with.")
    ratio = round(forecast / budget, 6)
    level: Level = "good" if ratio <= OUTTURN_WATCH else "watch" if ratio <= OUTTURN_ACT else "act"
    return Status(level, f"{'The outturn was' if complete else 'Forecast outturn is'} {ratio:.1%} of budget.")


def sla_status(compliance: float | None, target: float | None) -> Status:
    if _missing(compliance) or _missing(target):
        return Status("watch", "No tickets resolved in the period.")
    points = (compliance - target) * 100
    level: Level = "good" if points >= 0 else "watch" if points >= -SLA_WATCH_POINTS else "act"
    return Status(
        level, f"{abs(points):.1f} points {'above' if points >= 0 else 'below'} the {percent(target)} target."
    )


def sla_by_priority_status(by_priority: pd.DataFrame) -> Status:
    """The IT SLA light: the worst of the priorities, each against its own target, naming every one that misses.

    Expects priority, priority_name, tickets_resolved, sla_compliance and compliance_target (the query
    sla_compliance_by_priority). A blended target would let the many low-priority tickets hide a critical miss.
    """
    rows = by_priority[(by_priority["tickets_resolved"] > 0) & by_priority["sla_compliance"].notna()]
    if rows.empty:
        return Status("watch", "No tickets resolved in the period.")
    gaps = 100 * (rows["sla_compliance"] - rows["compliance_target"])
    worst = float(gaps.min())
    level: Level = "good" if worst >= 0 else "watch" if worst >= -SLA_WATCH_POINTS else "act"
    missing = rows[rows["priority"].isin(missing_priorities(rows))]
    if missing.empty:
        return Status(level, f"Every priority meets its target ({_priorities(rows)}).")
    named = [
        f"{r.priority} {r.priority_name} {percent(r.sla_compliance)} against {percent(r.compliance_target, 0)}"
        for r in missing.itertuples()
    ]
    verb = "misses its target" if len(named) == 1 else "miss their targets"
    return Status(level, f"{_joined(named)} {verb}.")


def missing_priorities(by_priority: pd.DataFrame) -> list[str]:
    """The priorities with tickets resolved that miss their own compliance target ("P1", "P2")."""
    rows = by_priority[(by_priority["tickets_resolved"] > 0) & by_priority["sla_compliance"].notna()]
    return list(rows.loc[rows["sla_compliance"] < rows["compliance_target"], "priority"])


def priority_targets(by_priority: pd.DataFrame) -> str:
    """Each priority's compliance target in words: "P1 95%, P2 90%, P3 85%, P4 85%"."""
    return ", ".join(f"{r.priority} {percent(r.compliance_target, 0)}" for r in by_priority.itertuples())


def _priorities(rows: pd.DataFrame) -> str:
    return ", ".join(f"{r.priority} {percent(r.sla_compliance)}" for r in rows.itertuples())


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def backlog_status(open_tickets: int, at_risk: int, breached: int) -> Status:
    share = (at_risk + breached) / open_tickets if open_tickets else 0.0
    level: Level = "good" if share < AT_RISK_WATCH else "watch" if share < AT_RISK_ACT else "act"
    return Status(level, f"{at_risk:,} at risk and {breached:,} breached of {open_tickets:,} open ({share:.0%}).")


def contracts_status(months_to_first_end: float | None) -> Status:
    if _missing(months_to_first_end):
        return Status("good", f"No contract ends within {CONTRACT_WATCH_MONTHS} months.")
    level: Level = "act" if months_to_first_end < CONTRACT_ACT_MONTHS else "watch"
    return Status(level, f"The first ends in {months_to_first_end:.1f} months.")


def cost_per_fte_status(current: float | None, previous: float | None) -> Status:
    if _missing(current) or _missing(previous) or not previous:
        return Status("watch", "Nothing to compare with a year before.")
    change = current / previous - 1
    change = round(change, 6)  # 103 against 100 is +3 %, not a hair over it
    level: Level = "good" if change <= COST_PER_FTE_WATCH else "watch" if change <= COST_PER_FTE_ACT else "act"
    return Status(level, f"{change:+.1%} on the same period a year before.")


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change, or None when there is nothing to compare with."""
    if _missing(current) or _missing(previous) or not previous:
        return None
    return current / previous - 1


def forecast_outturn(actual_to_date: float, months_elapsed: float, months_total: float) -> float:
    """Year to date + run rate x months left (the run rate is the average month so far)."""
    if months_elapsed <= 0:
        return 0.0
    return actual_to_date + actual_to_date / months_elapsed * max(months_total - months_elapsed, 0.0)


def weighted_sla_target(by_priority: pd.DataFrame) -> float | None:
    """Each priority's compliance target weighted by how many of its tickets were resolved."""
    resolved = by_priority["tickets_resolved"].sum()
    if not resolved:
        return None
    return float((by_priority["compliance_target"] * by_priority["tickets_resolved"]).sum() / resolved)


def index_to_average(per_department: pd.DataFrame) -> pd.DataFrame:
    """Spend per FTE of each department on each service as an index: 100 = the force's average per FTE.

    The force's average is the service's total spend over every department's FTE (a weighted average, not a mean
    of the departments' ratios). Expects department, service, amount and total_fte for every department.
    """
    fte = per_department.drop_duplicates("department")["total_fte"].sum()
    force = per_department.groupby("service")["amount"].sum() / fte
    indexed = per_department.assign(force_per_fte=per_department["service"].map(force))
    indexed["index"] = 100 * indexed["amount_per_fte"] / indexed["force_per_fte"]
    return indexed


def largest_differences(per_fte: pd.DataFrame, how_many: int = 2) -> str:
    """A sentence naming the biggest gaps in spend per FTE between the departments compared, by service.

    Gaps are ranked by the ratio between the highest and lowest spender, among services where the gap is worth at
    least £100 per FTE, so that a rounding-sized service does not lead.
    """
    rows = []
    for service, group in per_fte.groupby("service"):
        group = group.sort_values("amount_per_fte")
        low, high = group.iloc[0], group.iloc[-1]
        if high["amount_per_fte"] - low["amount_per_fte"] < 100 or low["department"] == high["department"]:
            continue
        ratio = high["amount_per_fte"] / low["amount_per_fte"] if low["amount_per_fte"] > 0 else math.inf
        rows.append((ratio, service, high, low))
    if not rows:
        return "The departments chosen spend much the same per FTE on every service."
    rows.sort(key=lambda r: (r[0], r[2]["amount_per_fte"]), reverse=True)
    sentences = []
    for ratio, service, high, low in rows[:how_many]:
        times = "far more than" if math.isinf(ratio) else f"{ratio:.1f} times as much as"
        sentences.append(
            f"{high['department']} spends {money(high['amount_per_fte'])} per FTE on {service}, {times} "
            f"{low['department']} ({money(low['amount_per_fte'])})"
        )
    return "; ".join(sentences) + "."


def spend_changes(current: pd.DataFrame, previous: pd.DataFrame, label: str = "service") -> str:
    """The service types whose spend rose and fell most against the previous period, in words."""
    merged = (
        current[[label, "amount"]]
        .merge(previous[[label, "amount"]], on=label, how="outer", suffixes=("", "_before"))
        .fillna(0.0)
    )
    merged["delta"] = merged["amount"] - merged["amount_before"]
    if merged.empty or (merged["delta"].abs() < 1).all():
        return ""
    up = merged.sort_values("delta", ascending=False).iloc[0]
    down = merged.sort_values("delta").iloc[0]
    parts = []
    for row, verb in ((up, "up"), (down, "down")):
        if (verb == "up" and row["delta"] > 0) or (verb == "down" and row["delta"] < 0):
            rel = change(row["amount"], row["amount_before"])
            shown = f" ({rel:+.0%})" if rel is not None else ""
            parts.append(f"{row[label]} {verb} {money_short(abs(row['delta']))}{shown}")
    return "Largest changes: " + "; ".join(parts) + "." if parts else ""


def demand_difference(tickets: pd.DataFrame) -> str:
    """A sentence on the busiest and quietest of the departments compared, in IT tickets per 100 FTE (empty when
    fewer than two departments have the figure). Expects department and tickets_per_100_fte."""
    if len(tickets) < 2 or tickets["tickets_per_100_fte"].isna().any():
        return ""
    ranked = tickets.sort_values("tickets_per_100_fte")
    busiest, quietest = ranked.iloc[-1], ranked.iloc[0]
    return (
        f" {busiest['department']} raises {busiest['tickets_per_100_fte']:,.0f} IT tickets per 100 FTE in the "
        f"period, {quietest['department']} {quietest['tickets_per_100_fte']:,.0f}."
    )
