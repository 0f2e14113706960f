"""Outsourcing before and after: for the chosen service, the change of provider found in its contract register
(and, for IT support, the resolver teams that took over), equal windows either side of the change date, and the
effect against the services that stayed as they were (difference in differences). A service whose provider
never changed gets no effect: there is nothing to compare."""

from dataclasses import dataclass
from datetime import date, timedelta

from bsdash import formatting as fmt
from bsdash.analysis import before_after as ba
from bsdash.analysis.figures import Fetch, Runner, Table, table
from bsdash.analysis.figures.common import EARLIEST
from bsdash.analysis.periods import Filters

LATEST = date(2100, 12, 31)
METHOD = (
    "**How the effect is computed.** Difference in differences: each month's gap between the changed service and "
    "the comparison, averaged after the change minus averaged before, so that what moved both (seasons, demand, "
    "a software fault) cancels out. The 95 % interval is a block bootstrap over months: each window's months are "
    "drawn again, in runs of three, 2,000 times. When the interval spans zero there is **not enough evidence** of a "
    "change."
)
MONTHLY = {
    "window_month": "Month from the change",
    "month_from": "Month starting",
    "arm": "Arm",
    "tickets_logged": "Tickets logged",
    "tickets_resolved": "Tickets resolved",
    "sla_compliance": "SLA compliance (%)",
    "median_hours_to_resolve": "Median hours to resolve",
    "service_level": "Service level (%)",
    "volume": "Volume",
    "teams": "Teams",
    "measures": "Measure",
}
MONTHLY_KINDS = {"window_month": "count", "service_level": "percent"}


def found_change(run: Runner, filters: Filters, service: str) -> tuple[date | None, list[str]]:
    """The change of provider found for `service`, and where it was found, in sentences ([] when none)."""
    fetch = Fetch(run)
    first, last = filters.dates.first_day or EARLIEST, filters.dates.latest
    contracts = fetch("contract_register", date_from=EARLIEST, date_to=LATEST, services=[service])
    change = ba.provider_change(contracts, first, last)
    if change is None:
        return None, []
    story = [change.narrative()]
    if service == "it_support":
        started = ba.teams_started_on(fetch("resolver_teams"), change.day)
        if len(started):
            story.append(
                f"Found in the tickets: {', '.join(started['team'])} ({', '.join(started['provider_type'].unique())}) "
                f"took their first tickets on {fmt.uk_date(change.day)}."
            )
    return change.day, story


@dataclass(frozen=True)
class Effect:
    windows: str
    scope: str  # who is compared with whom
    verdicts: list[str]
    level_name: str
    level_value: str  # the column of `monthly` charted
    monthly: Table
    resolves: bool  # time to resolve is charted (IT support only)
    unit: str  # ticket or job
    cost: Table


def effect(filters: Filters, run: Runner, service: str, service_name: str, change: date, months: int) -> Effect | str:
    """The effect of the change on `service`, or why it cannot be estimated."""
    fetch = Fetch(run)
    windows = ba.equal_windows(change, months, filters.dates.first_day or EARLIEST, filters.dates.latest)
    if windows is None:
        return "The data does not cover a whole month on both sides of this date: choose another."
    departments = filters.params()["departments"]
    described = (
        f"Equal windows of {windows.months} months: {fmt.uk_date(windows.before_from)} to "
        f"{fmt.uk_date(change - timedelta(days=1))} (before) and {fmt.uk_date(change)} to "
        f"{fmt.uk_date(windows.after_to)} (after). The period filter does not apply: the windows are set here. "
        "Departments narrow the tickets and payments; service levels of the non-IT services are force-wide. "
        + ("" if windows.months == months else f"The data covers only {windows.months} months on one side.")
    )
    it = service == "it_support"
    if it:
        monthly = fetch(
            "ticket_outcomes_by_window_month", change_date=change, window_months=windows.months, departments=departments
        )
        value, level_name = "sla_compliance", "SLA compliance"
        scope = (
            f"Changed: tickets handled by teams not in-house (before: {ba.teams_in(monthly, 'changed', True)}; "
            f"after: {ba.teams_in(monthly, 'changed', False)}). Comparison: tickets handled in-house "
            f"({ba.teams_in(monthly, 'comparison', False)})."
        )
    else:
        monthly = fetch(
            "service_level_by_window_month", change_date=change, window_months=windows.months, service=service
        )
        value, level_name = "service_level", "Service level"
        changed = monthly.loc[monthly["arm"] == "changed", "measures"].dropna() if len(monthly) else monthly
        scope = (
            f"Changed: {service_name}'s monthly level ({changed.iloc[0] if len(changed) else 'none'}). Comparison: "
            "the mean level of the other services delivered in-house. No time to resolve is reported for this "
            "service. The comparison is only one or two services, so a chance swing in them moves the estimate "
            "too: look at the chart before trusting an effect."
        )
    if monthly.empty:
        return "No tickets or service levels in these windows."
    points = lambda v: f"{100 * v:+.1f} points"  # noqa: E731
    hours = lambda v: f"{v:+.1f} hours"  # noqa: E731
    pounds = lambda v: f"{'-' if v < 0 else '+'}£{abs(v):,.2f}"  # noqa: E731
    verdicts = [
        ba.verdict(ba.difference_in_differences(monthly, value), higher_is_better=True, what=level_name, shown=points)
    ]
    if it:
        verdicts.append(
            ba.verdict(
                ba.difference_in_differences(monthly, "median_hours_to_resolve"),
                higher_is_better=False,
                what="Median time to resolve",
                shown=hours,
            )
        )
    cost = fetch(
        "cost_per_unit_by_window_month",
        change_date=change,
        window_months=windows.months,
        service=service,
        departments=departments,
    )
    unit = "ticket" if it else "job"
    verdicts.append(
        ba.verdict(
            ba.before_and_after(cost, "cost_per_unit"), higher_is_better=False, what=f"Cost per {unit}", shown=pounds
        )
    )
    return Effect(
        windows=described,
        scope=scope,
        verdicts=verdicts,
        level_name=level_name,
        level_value=value,
        monthly=table(
            level_name,
            monthly,
            f"before-after-{value.replace('_', '-')}",
            columns={k: v for k, v in MONTHLY.items() if k in monthly.columns},
            kinds=MONTHLY_KINDS,
        ),
        resolves=it,
        unit=unit,
        cost=table(
            f"Cost per {unit}",
            cost,
            "before-after-cost-per-unit",
            columns={
                "window_month": "Month from the change",
                "month_from": "Month starting",
                "amount": "Spend (£)",
                "units": "Tickets" if it else "Jobs",
                "cost_per_unit": f"Cost per {unit} (£)",
            },
            kinds={"window_month": "count", "cost_per_unit": "pence"},
        ),
    )
