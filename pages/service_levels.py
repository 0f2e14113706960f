"""Service levels: IT support against its SLAs (compliance, time to resolve and assign, backlog, breach risk,
reopen and first-contact rates, the ticket workflow) and the other services' monthly levels against target."""

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
page_header("Service levels", "Are the services meeting their targets, and where are tickets waiting?", filters)
params = filters.params()
end = min(filters.period.date_to, filters.as_at)

if filters.includes_it_support():
    by_priority = query("sla_compliance_by_priority", **params)
    rates = query("ticket_rates_by_priority", **params)
    stages = query("ticket_stage_times", **params)
    risk = query("open_tickets_by_sla_used", as_at=end, departments=params["departments"], services=params["services"])
    resolved = int(by_priority["tickets_resolved"].sum())
else:
    resolved = 0

if resolved == 0:
    nothing_to_show(
        "No IT tickets were resolved in this selection (or IT support is filtered out), so there are "
        "no IT service levels to show."
    )
else:
    compliance = by_priority["resolved_within_sla"].sum() / resolved
    target = measures.weighted_sla_target(by_priority)
    reopen = (rates["reopen_rate"] * rates["tickets_resolved"]).sum() / resolved
    known = int(rates["tickets_first_contact_known"].sum())  # an event log does not say
    first_contact = rates["tickets_at_first_contact"].sum() / known if known else None
    open_now = int(risk["open_tickets"].sum())
    at_risk = int(risk.loc[risk["at_risk"], "open_tickets"].sum())
    breached = int(risk.loc[risk["band"].str.startswith("Breached"), "open_tickets"].sum())
    tiles = st.columns(4)
    with tiles[0]:
        headline(
            "SLA compliance",
            fmt.percent(compliance),
            status=measures.sla_status(compliance, target),
            help="Resolved within the priority's target / resolved in the period.",
        )
    with tiles[1]:
        headline(
            "Open tickets",
            fmt.count(open_now),
            status=measures.backlog_status(open_now, at_risk, breached),
            help=f"At the end of {fmt.uk_date(end)}.",
        )
    with tiles[2]:
        headline("Reopen rate", fmt.percent(reopen), help="Resolved tickets reopened at least once / resolved.")
    with tiles[3]:
        headline(
            "First-contact resolution",
            fmt.percent(first_contact),
            help="Resolved during the first contact with the service desk / logged.",
        )

    st.subheader("SLA compliance and time to resolve by priority", anchor=False)
    levels = by_priority.assign(
        service=by_priority["priority"] + " " + by_priority["priority_name"],
        measure="Resolved within " + by_priority["target_hours"].map("{:g} hours".format),
        value=100 * by_priority["sla_compliance"],
        target=100 * by_priority["compliance_target"],
        unit="%",
    )
    levels["target_met"] = levels["value"] >= levels["target"]
    columns = {
        "priority": "Priority",
        "priority_name": "Name",
        "target_hours": "Target (hours)",
        "tickets_resolved": "Tickets resolved",
        "sla_compliance": "SLA compliance (%)",
        "compliance_target": "Compliance target (%)",
        "median_hours_to_resolve": "Median hours to resolve",
        "p90_hours_to_resolve": "90th percentile hours to resolve",
    }
    left, right = st.columns(2)
    with left:
        chart_with_table(
            charts.levels_against_target(levels),
            by_priority,
            key="levels_priority",
            file_name="sla-compliance-by-priority",
            columns=columns,
        )
    with right:
        chart_with_table(
            charts.time_to_resolve(by_priority, "priority"),
            by_priority,
            key="levels_resolve_time",
            file_name="time-to-resolve-by-priority",
            columns=columns,
            caption="Hours from logged to resolved: the median and the 90th percentile (the tail a mean hides).",
        )

    st.subheader("The ticket workflow: time in each stage", anchor=False)
    st.caption(
        "Submitted, assigned (by skill and availability), resolved and the user notified, closed after the user "
        "confirms or five days pass. Median hours per stage and priority; the table adds the 90th percentile."
    )
    chart_with_table(
        charts.grouped_bars(stages, "stage", "median_hours", "priority", money=False),
        stages,
        key="levels_stages",
        file_name="ticket-stage-times",
        columns={
            "stage": "Stage",
            "priority": "Priority",
            "tickets": "Tickets",
            "median_hours": "Median hours",
            "p90_hours": "90th percentile hours",
        },
    )

    left, right = st.columns(2)
    with left:
        st.subheader(f"Backlog and ageing at {fmt.uk_date(end)}", anchor=False)
        backlog = query("backlog_by_age", as_at=end, departments=params["departments"], services=params["services"])
        if backlog["open_tickets"].sum() == 0:
            nothing_to_show("No tickets were open at the end of the period.")
        else:
            chart_with_table(
                charts.bands(backlog, "age_band", "open_tickets", colour_by="priority"),
                backlog,
                key="levels_backlog",
                file_name="backlog-by-age",
                columns={"age_band": "Days open", "priority": "Priority", "open_tickets": "Open tickets"},
            )
    with right:
        st.subheader("Open tickets by share of SLA used", anchor=False)
        if open_now == 0:
            nothing_to_show("No tickets were open at the end of the period.")
        else:
            risk = risk.assign(needs_action=risk["at_risk"] | risk["band"].str.startswith("Breached"))
            chart_with_table(
                charts.bands(risk, "band", "open_tickets", highlight="needs_action"),
                risk,
                key="levels_risk",
                file_name="open-tickets-by-sla-used",
                columns={
                    "band": "Share of SLA time used",
                    "at_risk": "At risk",
                    "open_tickets": "Open tickets",
                    "open_p1_p2": "Of which P1 or P2",
                },
                caption="Hatched bars need action: at risk of breach (75 % or more of the time used) or breached.",
            )

    st.subheader("Reopen, first-assignment and first-contact resolution", anchor=False)
    rate_frame = rates.melt(
        id_vars="priority",
        value_vars=["reopen_rate", "first_assignment_rate", "first_contact_rate"],
        var_name="rate",
        value_name="value",
    )
    rate_frame["rate"] = rate_frame["rate"].map(
        {
            "reopen_rate": "Reopened",
            "first_assignment_rate": "Resolved at first assignment",
            "first_contact_rate": "Resolved at first contact",
        }
    )
    chart_with_table(
        charts.grouped_bars(rate_frame, "priority", "value", "rate", money=False, percent=True),
        rates,
        key="levels_rates",
        file_name="ticket-rates-by-priority",
        columns={
            "priority": "Priority",
            "tickets_logged": "Tickets logged",
            "tickets_resolved": "Tickets resolved",
            "reopen_rate": "Reopen rate (%)",
            "first_assignment_rate": "First-assignment resolution (%)",
            "first_contact_rate": "First-contact resolution (%)",
            "satisfaction": "Satisfaction (1-5)",
            "survey_response_rate": "Survey response rate (%)",
        },
        caption="Satisfaction and the survey response rate are in the table.",
    )

st.subheader("Other services: monthly levels against target", anchor=False)
kpis = query(
    "service_kpis_by_month", date_from=params["date_from"], date_to=params["date_to"], services=params["services"]
)
if kpis.empty:
    nothing_to_show("No monthly service levels were reported for the services chosen in this period.")
else:
    missed = kpis[~kpis["target_met"].astype(bool)]
    st.caption(
        f"{len(missed)} of {len(kpis)} service-months missed their target (marked ×). These services report "
        "force-wide, so the department filter does not change them."
    )
    chart_with_table(
        charts.kpi_small_multiples(kpis),
        kpis,
        key="levels_kpis",
        file_name="service-levels-by-month",
        columns={
            "month": "Month",
            "service": "Service type",
            "measure": "Measure",
            "value": "Result",
            "target": "Target",
            "unit": "Unit",
            "target_met": "Target met",
            "volume": "Volume",
        },
    )
