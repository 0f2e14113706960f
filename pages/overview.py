"""Overview for senior leaders: the headline figures with their traffic lights, where the money goes, how the
services are performing, and what changed."""

import streamlit as st

from bsdash import formatting as fmt
from bsdash.analysis import measures
from bsdash.charts import core as charts
from bsdash.ui.components import chart_with_table, headline, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Business services overview",
    "Are our business services good value and performing, and where are the risks?",
    filters,
)
period, as_at = filters.period, filters.as_at
previous = period.previous(as_at)
end = min(period.date_to, as_at)

now = query("headline_figures", **filters.params(), as_at=as_at).iloc[0]
before = query("headline_figures", **filters.params(previous), as_at=as_at).iloc[0]
by_priority = query("sla_compliance_by_priority", **filters.params())
sla_target = measures.weighted_sla_target(by_priority)
sla_before = query("sla_compliance_by_priority", **filters.params(previous))
risk = query(
    "open_tickets_by_sla_used",
    as_at=end,
    departments=filters.params()["departments"],
    services=filters.params()["services"],
)
ending = query("contracts_expiring", as_at=as_at, within_months=6, services=filters.params()["services"])
departments = query("department_list")
if filters.departments:
    departments = departments[departments["department_id"].isin(filters.departments)]
fte = departments["total_fte"].sum()

forecast = measures.forecast_outturn(now["spend"] or 0, period.months_elapsed(as_at), period.months_total())
spend_change = measures.change(now["spend"], before["spend"])
open_tickets, at_risk = int(risk["open_tickets"].sum()), int(risk.loc[risk["at_risk"], "open_tickets"].sum())
breached = int(risk.loc[risk["band"].str.startswith("Breached"), "open_tickets"].sum())
cost_per_fte = (now["spend"] or 0) / fte if fte else None
cost_before = (before["spend"] or 0) / fte if fte else None

tiles = st.columns(3)
with tiles[0]:
    headline(
        "Spend to date",
        fmt.money_short(now["spend"]),
        delta=None if spend_change is None else f"{spend_change:+.1%} on {previous.label}",
        delta_good_when="off",
        help=f"Payments over £500 from {fmt.uk_date(period.date_from)} to {fmt.uk_date(end)}, against the "
        f"same stretch of {previous.label} ({fmt.money(before['spend'])}).",
        note=f"{fmt.percent(now['spend'] / now['budget'], 0)} of the {fmt.money_short(now['budget'])} budget"
        if now["budget"]
        else "No budget for this selection.",
    )
with tiles[1]:
    headline(
        "Forecast outturn",
        fmt.money_short(forecast),
        status=measures.outturn_status(forecast, now["budget"]),
        help=f"Spend to date + the average month so far x the months left. Budget for the period: "
        f"{fmt.money(now['budget'])}.",
    )
with tiles[2]:
    before_compliance = before["sla_compliance"]
    points = (
        None
        if before_compliance != before_compliance or now["sla_compliance"] != now["sla_compliance"]
        else 100 * (now["sla_compliance"] - before_compliance)
    )
    headline(
        "IT SLA compliance",
        fmt.percent(now["sla_compliance"]),
        status=measures.sla_status(now["sla_compliance"], sla_target),
        delta=None if points is None else f"{points:+.1f} points",
        help="IT tickets resolved within their priority's target / tickets resolved in the period. The target "
        "weighs each priority's target by its tickets.",
    )
tiles = st.columns(3)
with tiles[0]:
    headline(
        "Open IT tickets",
        fmt.count(open_tickets),
        status=measures.backlog_status(open_tickets, at_risk, breached),
        help=f"Logged and not yet resolved at the end of {fmt.uk_date(end)}; at risk = 75 % or more of the "
        "priority's resolution time used.",
    )
with tiles[1]:
    first_end = ending["months_to_end"].min() if len(ending) else None
    headline(
        "Contracts ending within 6 months",
        fmt.count(len(ending)),
        status=measures.contracts_status(first_end),
        help=f"Worth {fmt.money(ending['annual_value'].sum())} a year; counted from {fmt.uk_date(as_at)}.",
    )
with tiles[2]:
    change_per_fte = measures.change(cost_per_fte, cost_before)
    headline(
        "Support cost per FTE",
        fmt.money(cost_per_fte),
        status=measures.cost_per_fte_status(cost_per_fte, cost_before),
        delta=None if change_per_fte is None else f"{change_per_fte:+.1%}",
        delta_good_when="inverse",
        help=f"Spend on business services / {fmt.count(fte)} officer and staff FTE of the departments chosen.",
    )
with st.expander("How the traffic lights are set"):
    for name, rule in measures.THRESHOLDS.items():
        st.markdown(f"- **{name}**: {rule}")

st.subheader("What changed", anchor=False)
by_service = query("spend_by_service", **filters.params())
by_service_before = query("spend_by_service", **filters.params(previous))
summary = [
    f"Spend to date is {fmt.money_short(now['spend'])}"
    + (
        f", {abs(spend_change):.1%} {'more' if spend_change > 0 else 'less'} than the same period of "
        f"{previous.label} ({fmt.money_short(before['spend'])})."
        if spend_change is not None
        else "."
    )
]
summary.append(measures.spend_changes(by_service, by_service_before))
if now["budget"]:
    summary.append(
        f"The forecast outturn of {fmt.money_short(forecast)} is "
        f"{abs(forecast / now['budget'] - 1):.1%} {'over' if forecast > now['budget'] else 'under'} the "
        f"budget of {fmt.money_short(now['budget'])}."
    )
if points is not None:
    summary.append(
        f"IT SLA compliance is {fmt.percent(now['sla_compliance'])}, {abs(points):.1f} points "
        f"{'up' if points >= 0 else 'down'} on {previous.label}; {at_risk:,} open tickets are at risk of "
        f"breaching and {breached:,} have breached."
    )
if len(ending):
    first = ending.iloc[0]
    summary.append(
        f"{len(ending)} contracts worth {fmt.money_short(ending['annual_value'].sum())} a year end within "
        f"six months; the first is {first['title']}"
        + ("" if first["supplier"] in first["title"] else f" with {first['supplier']}")
        + f", ending on {fmt.uk_date(first['end_date'])}."
    )
st.markdown("\n".join(f"- {line}" for line in summary if line))

left, right = st.columns(2)
with left:
    st.subheader("Spend by service type", anchor=False)
    if by_service.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        chart_with_table(
            charts.spend_by_service(by_service),
            by_service,
            key="overview_spend_by_service",
            file_name="spend-by-service",
            columns={"service": "Service type", "amount": "Spend (£)", "payments": "Payments", "share": "Share (%)"},
        )
with right:
    st.subheader("Service levels against target", anchor=False)
    levels = query("service_levels_by_service", **filters.params())
    if levels.empty:
        nothing_to_show("No service levels were reported for these services in this period.")
    else:
        chart_with_table(
            charts.levels_against_target(levels),
            levels,
            key="overview_levels",
            file_name="service-levels",
            columns={
                "service": "Service type",
                "measure": "Measure",
                "value": "Result",
                "target": "Target",
                "target_met": "Target met",
                "volume": "Volume",
            },
        )

st.subheader("Monthly trend", anchor=False)
monthly = query("spend_by_month", **filters.params())
tickets = query("tickets_by_month", **filters.params())
left, right = st.columns(2)
with left:
    if monthly.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        chart_with_table(
            charts.stacked_by_month(monthly, "amount", "service"),
            monthly,
            key="overview_monthly",
            file_name="spend-by-month",
            columns={"month": "Month", "service": "Service type", "amount": "Spend (£)", "payments": "Payments"},
        )
with right:
    if tickets.empty or not filters.includes_it_support():
        nothing_to_show(
            "No IT tickets in this selection (IT support is not among the service types chosen, or "
            "none were logged in the period)."
        )
    else:
        chart_with_table(
            charts.tickets_and_sla_by_month(tickets, sla_target),
            tickets,
            key="overview_tickets",
            file_name="tickets-by-month",
            columns={
                "month": "Month",
                "tickets_logged": "Tickets logged",
                "tickets_resolved": "Tickets resolved",
                "sla_compliance": "SLA compliance (%)",
            },
        )
