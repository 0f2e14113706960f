"""The Overview: the headline figures with their traffic lights, what changed, where the money goes, how the
services perform, and the monthly trend. Spend figures are read at the payments' own last day, ticket figures at
the tickets', contracts at the register's."""

from dataclasses import dataclass

from bsdash import formatting as fmt
from bsdash.analysis import measures
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.figures.common import outturn_of
from bsdash.analysis.figures.drill import Bar, month_words, service_bar
from bsdash.analysis.outturn import METHOD_IN_WORDS, Outturn
from bsdash.analysis.periods import Filters

SPEND_BY_SERVICE = {"service": "Service type", "amount": "Spend (£)", "payments": "Payments", "share": "Share (%)"}
LEVELS = {
    "service": "Service type",
    "measure": "Measure",
    "value": "Result",
    "target": "Target",
    "target_met": "Target met",
    "volume": "Volume",
}
SPEND_BY_MONTH = {"month": "Month", "service": "Service type", "amount": "Spend (£)", "payments": "Payments"}
TICKETS_BY_MONTH = {
    "month": "Month",
    "tickets_logged": "Tickets logged",
    "tickets_resolved": "Tickets resolved",
    "sla_compliance": "SLA compliance (%)",
}


@dataclass(frozen=True)
class Overview:
    as_at: list[str]  # each dataset's last day, in words
    notice: str | None  # an export more than a week behind another
    headlines: list[Headline]
    thresholds: dict[str, str]
    summary: list[str]
    by_service: Table
    levels: Table
    monthly: Table
    tickets: Table
    sla_target: float | None  # the line on the tickets chart: each priority's target weighted by its tickets
    shows_tickets: bool
    outturn: Outturn


def overview(filters: Filters, run: Runner) -> Overview:
    fetch = Fetch(run)
    period, dates = filters.period, filters.dates
    spend_end, tickets_end = min(period.date_to, dates.of("spend")), min(period.date_to, dates.of("tickets"))
    spend_before, tickets_before = period.previous(dates.of("spend")), period.previous(dates.of("tickets"))
    chosen = {"departments": filters.params()["departments"], "services": filters.params()["services"]}

    now = fetch("headline_figures", **filters.params(), as_at=dates.of("contracts")).iloc[0]
    before = fetch("headline_figures", **filters.params(spend_before), as_at=dates.of("contracts")).iloc[0]
    tickets_then = fetch("headline_figures", **filters.params(tickets_before), as_at=dates.of("contracts")).iloc[0]
    by_priority = fetch("sla_compliance_by_priority", **filters.params())
    risk = fetch("open_tickets_by_sla_used", as_at=tickets_end, **chosen)
    ending = fetch("contracts_expiring", as_at=dates.of("contracts"), within_months=6, services=chosen["services"])
    departments = fetch("department_list")
    if filters.departments:
        departments = departments[departments["department_id"].isin(filters.departments)]
    fte = float(departments["total_fte"].sum())
    outturn = outturn_of(fetch, filters)

    spend_change = measures.change(now["spend"], before["spend"])
    open_tickets = int(risk["open_tickets"].sum())
    at_risk = int(risk.loc[risk["at_risk"], "open_tickets"].sum())
    breached = int(risk.loc[risk["band"].str.startswith("Breached"), "open_tickets"].sum())
    cost_per_fte = (now["spend"] or 0) / fte if fte else None
    cost_before = (before["spend"] or 0) / fte if fte else None
    sla = measures.sla_by_priority_status(by_priority)
    points = _points(now["sla_compliance"], tickets_then["sla_compliance"])
    first_end = ending["months_to_end"].min() if len(ending) else None

    headlines = [
        Headline(
            "Spend to date",
            fmt.money_short(now["spend"]),
            delta=None if spend_change is None else f"{spend_change:+.1%} on {spend_before.label}",
            delta_good_when="off",
            help=f"Payments over £500 from {fmt.uk_date(period.date_from)} to {fmt.uk_date(spend_end)} (the payments' "
            f"last day), against the same stretch of {spend_before.label} ({fmt.money(before['spend'])}).",
            note=f"{fmt.percent(now['spend'] / now['budget'], 0)} of the {fmt.money_short(now['budget'])} budget"
            if now["budget"]
            else "No budget for this selection.",
        ),
        Headline(
            "Outturn" if outturn.complete else "Forecast outturn",
            fmt.money_short(outturn.outturn),
            status=measures.outturn_status(outturn.outturn, now["budget"], complete=outturn.complete)
            if outturn.outturn is not None
            else measures.Status("watch", f"No forecast: {outturn.reason}."),
            help=_outturn_help(outturn, now["budget"]),
        ),
        Headline(
            "IT SLA compliance",
            fmt.percent(now["sla_compliance"]),
            status=sla,
            delta=None if points is None else f"{points:+.1f} points",
            help="IT tickets resolved within their priority's target / tickets resolved, to "
            f"{fmt.uk_date(tickets_end)} (the tickets' last day). The light follows the priorities, each against "
            f"its own target ({measures.priority_targets(by_priority)}).",
        ),
        Headline(
            "Open IT tickets",
            fmt.count(open_tickets),
            status=measures.backlog_status(open_tickets, at_risk, breached),
            help=f"Logged and not yet resolved at the end of {fmt.uk_date(tickets_end)} (the tickets' last day); at "
            "risk = 75 % or more of the priority's resolution time used.",
        ),
        Headline(
            "Contracts ending within 6 months",
            fmt.count(len(ending)),
            status=measures.contracts_status(first_end),
            help=f"Worth {fmt.money(ending['annual_value'].sum())} a year; counted from "
            f"{fmt.uk_date(dates.of('contracts'))}.",
        ),
        Headline(
            "Support cost per FTE",
            fmt.money(cost_per_fte),
            status=measures.cost_per_fte_status(cost_per_fte, cost_before),
            delta=None if (c := measures.change(cost_per_fte, cost_before)) is None else f"{c:+.1%}",
            delta_good_when="inverse",
            help=f"Spend on business services / {fmt.count(fte)} officer and staff FTE of the departments chosen.",
        ),
    ]

    by_service = fetch("spend_by_service", **filters.params())
    by_service_before = fetch("spend_by_service", **filters.params(spend_before))
    summary = _summary(now, before, spend_before.label, spend_change, by_service, by_service_before, outturn)
    if points is not None:
        summary.append(
            f"IT SLA compliance is {fmt.percent(now['sla_compliance'])}, {abs(points):.1f} points "
            f"{'up' if points >= 0 else 'down'} on {tickets_before.label}. {sla.reason} {at_risk:,} open tickets "
            f"are at risk of breaching and {breached:,} have breached."
        )
    if len(ending):
        first = ending.iloc[0]
        summary.append(
            f"{len(ending)} contracts worth {fmt.money_short(ending['annual_value'].sum())} a year end within "
            f"six months; the first is {first['title']}"
            + ("" if first["supplier"] in first["title"] else f" with {first['supplier']}")
            + f", ending on {fmt.uk_date(first['end_date'])}."
        )

    tickets = fetch("tickets_by_month", **filters.params())
    return Overview(
        as_at=dates.lines(),
        notice=dates.notice(),
        headlines=headlines,
        thresholds=measures.THRESHOLDS,
        summary=[line for line in summary if line],
        by_service=table("Spend by service type", by_service, "spend-by-service", columns=SPEND_BY_SERVICE),
        levels=table(
            "Service levels against target", _levels(fetch, filters, by_priority), "service-levels", columns=LEVELS
        ),
        monthly=table(
            "Spend by month", fetch("spend_by_month", **filters.params()), "spend-by-month", columns=SPEND_BY_MONTH
        ),
        tickets=table("IT tickets by month", tickets, "tickets-by-month", columns=TICKETS_BY_MONTH),
        sla_target=measures.weighted_sla_target(by_priority),
        shows_tickets=filters.includes_it_support() and not tickets.empty,
        outturn=outturn,
    )


def _levels(fetch: Fetch, filters: Filters, by_priority):
    """Each service's level against its target; IT support's says which priorities miss their own."""
    levels = fetch("service_levels_by_service", **filters.params())
    missing = measures.missing_priorities(by_priority)
    note = f"{' and '.join(missing)} {'misses its' if len(missing) == 1 else 'miss their'} target" if missing else ""
    return levels.assign(note=[note if s == "it_support" else "" for s in levels["service_id"]])


def _points(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or now != now or before != before:
        return None
    return 100 * (now - before)


def _outturn_help(outturn: Outturn, budget: float | None) -> str:
    if outturn.complete:
        text = f"The period is over: the outturn is what was paid, {fmt.money(outturn.actual_to_date)}."
    elif outturn.outturn is None:
        text = f"No forecast: {outturn.reason}."
    else:
        text = (
            f"{METHOD_IN_WORDS} Paid to {fmt.uk_date(outturn.paid_through)}: {fmt.money(outturn.actual_to_date)}; "
            f"80 % interval {fmt.money(outturn.low)} to {fmt.money(outturn.high)}. The Forecasts page shows the "
            "method's backtest."
        )
    return text + (f" Budget for the period: {fmt.money(budget)}." if budget else "")


def _summary(now, before, label, spend_change, by_service, by_service_before, outturn: Outturn) -> list[str]:
    lines = [
        f"Spend to date is {fmt.money_short(now['spend'])}"
        + (
            f", {abs(spend_change):.1%} {'more' if spend_change > 0 else 'less'} than the same period of "
            f"{label} ({fmt.money_short(before['spend'])})."
            if spend_change is not None
            else "."
        ),
        measures.spend_changes(by_service, by_service_before),
    ]
    if now["budget"] and outturn.outturn is not None:
        verb = "was" if outturn.complete else "is forecast at"
        lines.append(
            f"The outturn {verb} {fmt.money_short(outturn.outturn)}, "
            f"{abs(outturn.outturn / now['budget'] - 1):.1%} {'over' if outturn.outturn > now['budget'] else 'under'} "
            f"the budget of {fmt.money_short(now['budget'])}."
        )
    return lines


BARS = {
    "overview_spend": service_bar(),
    "overview_tickets": Bar(
        "tickets",
        ("month",),
        point=lambda p: {"month": p["x"]} if p.get("curve_number", 0) == 0 else None,
        label=lambda n, _: f"tickets logged in {month_words(n['month'])}",
        which="logged",
    ),
}
