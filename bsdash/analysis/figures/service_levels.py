"""Service levels: IT support against its SLAs (each priority against its own target, time to resolve, the
workflow's stages, backlog and ageing, breach risk, reopen and first-contact rates) at the tickets' own last
day, and the other services' monthly levels against target."""

from dataclasses import dataclass

from bsdash import formatting as fmt
from bsdash.analysis import measures
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.figures.drill import Bar
from bsdash.analysis.periods import Filters

PRIORITY = {
    "priority": "Priority",
    "priority_name": "Name",
    "target_hours": "Target (hours)",
    "tickets_resolved": "Tickets resolved",
    "sla_compliance": "SLA compliance (%)",
    "compliance_target": "Compliance target (%)",
    "median_hours_to_resolve": "Median hours to resolve",
    "p90_hours_to_resolve": "90th percentile hours to resolve",
}
STAGES = {
    "stage": "Stage",
    "priority": "Priority",
    "tickets": "Tickets",
    "median_hours": "Median hours",
    "p90_hours": "90th percentile hours",
}
BACKLOG = {"age_band": "Days open", "priority": "Priority", "open_tickets": "Open tickets"}
RISK = {
    "band": "Share of SLA time used",
    "at_risk": "At risk",
    "open_tickets": "Open tickets",
    "open_p1_p2": "Of which P1 or P2",
}
RATES = {
    "priority": "Priority",
    "tickets_logged": "Tickets logged",
    "tickets_resolved": "Tickets resolved",
    "reopen_rate": "Reopen rate (%)",
    "first_assignment_rate": "First-assignment resolution (%)",
    "first_contact_rate": "First-contact resolution (%)",
    "satisfaction": "Satisfaction (1-5)",
    "survey_response_rate": "Survey response rate (%)",
}
RATE_NAMES = {
    "reopen_rate": "Reopened",
    "first_assignment_rate": "Resolved at first assignment",
    "first_contact_rate": "Resolved at first contact",
}
KPIS = {
    "month": "Month",
    "service": "Service type",
    "measure": "Measure",
    "value": "Result",
    "target": "Target",
    "unit": "Unit",
    "target_met": "Target met",
    "volume": "Volume",
}


@dataclass(frozen=True)
class ItSupport:
    end: str  # the day open tickets are counted at, dd/mm/yyyy
    open_now: int  # tickets open at its end
    headlines: list[Headline]
    levels: Table  # each priority's compliance against its target, as the chart draws it
    by_priority: Table
    stages: Table
    backlog: Table
    risk: Table
    rates: Table
    rates_long: Table  # the rates one row per priority and rate, as the chart draws them


@dataclass(frozen=True)
class ServiceLevels:
    it: ItSupport | None  # None when no IT ticket was resolved in the selection
    kpis: Table
    kpi_caption: str


def service_levels(filters: Filters, run: Runner) -> ServiceLevels:
    fetch = Fetch(run)
    params = filters.params()
    kpis = fetch(
        "service_kpis_by_month", date_from=params["date_from"], date_to=params["date_to"], services=params["services"]
    )
    missed = int((~kpis["target_met"].astype(bool)).sum())
    return ServiceLevels(
        it=_it_support(filters, fetch) if filters.includes_it_support() else None,
        kpis=table("Other services' monthly levels", kpis, "service-levels-by-month", columns=KPIS),
        kpi_caption=f"{missed} of {len(kpis)} service-months missed their target (marked ×). These services report "
        "force-wide, so the department filter does not change them. Reported to "
        f"{fmt.uk_date(filters.dates.of('service_levels'))}.",
    )


def _it_support(filters: Filters, fetch: Fetch) -> ItSupport | None:
    params = filters.params()
    chosen = {"departments": params["departments"], "services": params["services"]}
    end = min(filters.period.date_to, filters.dates.of("tickets"))
    by_priority = fetch("sla_compliance_by_priority", **params)
    resolved = int(by_priority["tickets_resolved"].sum())
    if resolved == 0:
        return None
    rates = fetch("ticket_rates_by_priority", **params)
    risk = fetch("open_tickets_by_sla_used", as_at=end, **chosen)
    risk = risk.assign(needs_action=risk["at_risk"] | risk["band"].str.startswith("Breached"))
    backlog = fetch("backlog_by_age", as_at=end, **chosen)

    compliance = by_priority["resolved_within_sla"].sum() / resolved
    reopen = (rates["reopen_rate"].fillna(0) * rates["tickets_resolved"]).sum() / resolved
    known = int(rates["tickets_first_contact_known"].sum())  # an event log does not say
    first_contact = rates["tickets_at_first_contact"].sum() / known if known else None
    open_now = int(risk["open_tickets"].sum())
    at_risk = int(risk.loc[risk["at_risk"], "open_tickets"].sum())
    breached = int(risk.loc[risk["band"].str.startswith("Breached"), "open_tickets"].sum())
    sla = measures.sla_by_priority_status(by_priority)
    headlines = [
        Headline(
            "SLA compliance",
            fmt.percent(compliance),
            status=sla,
            help="Resolved within the priority's target / resolved in the period. The light follows the priorities, "
            "each against its own target.",
        ),
        Headline(
            "Open tickets",
            fmt.count(open_now),
            status=measures.backlog_status(open_now, at_risk, breached),
            help=f"At the end of {fmt.uk_date(end)} (the tickets' last day, or the period's end).",
        ),
        Headline("Reopen rate", fmt.percent(reopen), help="Resolved tickets reopened at least once / resolved."),
        Headline(
            "First-contact resolution",
            fmt.percent(first_contact),
            help="Resolved during the first contact with the service desk / logged.",
        ),
    ]
    levels = by_priority.assign(
        service=by_priority["priority"] + " " + by_priority["priority_name"],
        measure="Resolved within " + by_priority["target_hours"].map("{:g} hours".format),
        value=100 * by_priority["sla_compliance"],
        target=100 * by_priority["compliance_target"],
        unit="%",
    )
    levels["target_met"] = levels["value"] >= levels["target"]
    rates_long = rates.melt(id_vars="priority", value_vars=list(RATE_NAMES), var_name="rate", value_name="value")
    rates_long["rate"] = rates_long["rate"].map(RATE_NAMES)
    return ItSupport(
        end=fmt.uk_date(end),
        open_now=open_now,
        headlines=headlines,
        levels=table(
            "SLA compliance by priority",
            levels,
            "sla-compliance-by-priority",
            columns=PRIORITY,
            made_from=(by_priority,),
        ),
        by_priority=table("Time to resolve by priority", by_priority, "time-to-resolve-by-priority", columns=PRIORITY),
        stages=table(
            "Time in each stage of the workflow",
            fetch("ticket_stage_times", **params),
            "ticket-stage-times",
            columns=STAGES,
        ),
        backlog=table(f"Backlog and ageing at {fmt.uk_date(end)}", backlog, "backlog-by-age", columns=BACKLOG),
        risk=table("Open tickets by share of SLA used", risk, "open-tickets-by-sla-used", columns=RISK),
        rates=table("Reopen and first-time resolution by priority", rates, "ticket-rates-by-priority", columns=RATES),
        rates_long=table(
            "Rates by priority",
            rates_long,
            "ticket-rates-long",
            columns=None,
            made_from=(rates,),
            derived="one row per priority and rate",
        ),
    )


BARS = {
    "levels_priority": Bar(
        "tickets",
        ("priority",),
        point=lambda p: {"priority": p["customdata"][2]} if p.get("curve_number", 0) == 0 else None,
        label=lambda n, _: f"{n['priority']} tickets resolved in the period",
        which="resolved",
    ),
    "levels_backlog": Bar(
        "tickets",
        ("priority", "age_from", "age_to"),
        point=lambda p: {"priority": p["customdata"][0], "age_from": p["customdata"][1], "age_to": p["customdata"][2]},
        label=lambda n, _: f"{n['priority']} tickets open {_age(n)}",
        which="open",
    ),
    "levels_risk": Bar(
        "tickets",
        ("used_from", "used_to"),
        point=lambda p: {"used_from": p["customdata"][0], "used_to": p["customdata"][1]},
        label=lambda n, _: f"open tickets with {_used(n)} of their SLA time used",
        which="open",
    ),
}


def _age(narrowing: dict) -> str:
    low, high = int(narrowing["age_from"]), int(narrowing["age_to"])
    return f"over {low - 1} days" if high >= 1000 else f"{low}-{high} days"


def _used(narrowing: dict) -> str:
    low, high = float(narrowing["used_from"]), float(narrowing["used_to"])
    return f"over {100 * low:.0f} %" if high >= 1000 else f"{100 * low:.0f}-{100 * high:.0f} %"
