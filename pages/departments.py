"""Departments compared, per head: what each needs and uses of every business service."""

import streamlit as st

from bsdash.analysis import measures
from bsdash.charts import core as charts
from bsdash.ui.components import chart_with_table, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current, follow_in_url, options, page_choice
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Departments compared", "What does each department need and use, per head of its officers and staff?", filters
)
names = options().departments

# Two to four departments: the panel's, when it names that many; otherwise the Cyber Crime Unit and a
# neighbourhood team, the comparison the service was designed around.
if 2 <= len(filters.departments) <= 4:
    default = list(filters.departments)
else:
    default = [code for code in ("CYB", "NPT-MAI") if code in names]
    default += [code for code in names if code not in default][: max(0, 2 - len(default))]
page_choice("compare", list(names), default, what="department", limit=4)
compared = st.multiselect(
    "Departments to compare (two to four)",
    list(names),
    max_selections=4,
    format_func=names.get,
    key="compare",
    persist_state="session",
)
follow_in_url("compare", compared, default)
if len(compared) < 2:
    nothing_to_show("Choose at least two departments to compare.")
    st.stop()

everyone = query("spend_by_department_and_service", **filters.with_departments(()).params())
chosen = everyone[everyone["department_id"].isin(compared)]
tickets = query("sla_compliance_by_department", **filters.with_departments(tuple(compared)).params())
tickets = tickets[tickets["department_id"].isin(compared)]

if chosen["amount"].abs().sum() == 0:
    st.markdown("The departments chosen made no payments for these services in this period.")
else:
    sentence = measures.largest_differences(chosen)
    if len(tickets) >= 2 and tickets["tickets_per_100_fte"].notna().all():
        busiest, quietest = (
            tickets.sort_values("tickets_per_100_fte").iloc[-1],
            tickets.sort_values("tickets_per_100_fte").iloc[0],
        )
        sentence += (
            f" {busiest['department']} raises {busiest['tickets_per_100_fte']:,.0f} IT tickets per 100 FTE in the "
            f"period, {quietest['department']} {quietest['tickets_per_100_fte']:,.0f}."
        )
    st.info(sentence, icon=":material/lightbulb:")

st.subheader("Spend per FTE by service type", anchor=False)
if chosen["amount"].abs().sum() == 0:
    nothing_to_show("No payments for these departments and services in this period.")
else:
    ordered = chosen.assign(order=chosen["department_id"].map({c: i for i, c in enumerate(compared)}))
    ordered = ordered.sort_values(["order", "service"])
    chart_with_table(
        charts.grouped_bars(ordered, "service", "amount_per_fte", "department"),
        ordered,
        key="departments_per_fte",
        file_name="spend-per-fte-by-department",
        columns={
            "department": "Department",
            "service": "Service type",
            "total_fte": "FTE",
            "amount": "Spend (£)",
            "amount_per_fte": "Spend per FTE (£)",
        },
    )

st.subheader("IT support: demand and service levels", anchor=False)
if tickets.empty or not filters.includes_it_support():
    nothing_to_show("No IT tickets for these departments in this period (or IT support is filtered out).")
else:
    columns = {
        "department": "Department",
        "tickets_logged": "Tickets logged",
        "tickets_per_100_fte": "Tickets per 100 FTE",
        "sla_compliance": "SLA compliance (%)",
        "median_hours_to_resolve": "Median hours to resolve",
        "p90_hours_to_resolve": "90th percentile hours to resolve",
    }
    left, right = st.columns(2)
    with left:
        chart_with_table(
            charts.horizontal_bars(
                tickets,
                "tickets_per_100_fte",
                "department",
                money=False,
                hover=" tickets per 100 FTE",
                axis_title="IT tickets per 100 FTE in the period",
            ),
            tickets,
            key="departments_demand",
            file_name="tickets-by-department",
            columns=columns,
        )
    with right:
        chart_with_table(
            charts.time_to_resolve(tickets, "department"),
            tickets,
            key="departments_resolve",
            file_name="time-to-resolve-by-department",
            columns=columns,
            caption="Hours from logged to resolved. SLA compliance is in the table.",
        )

st.subheader("Every department against the force average", anchor=False)
st.caption(
    "Spend per FTE on each service as an index: 100 is the force's average per FTE (all spend on the service "
    "over all officers and staff), 200 twice the average. The departments compared are marked ▶."
)
indexed = measures.index_to_average(everyone)
if filters.departments:
    indexed = indexed[indexed["department_id"].isin(filters.departments) | indexed["department_id"].isin(compared)]
if indexed["amount"].abs().sum() == 0:
    nothing_to_show("No payments in this period to compare.")
else:
    chart_with_table(
        charts.index_heatmap(indexed, [names[c] for c in compared]),
        indexed,
        key="departments_heatmap",
        file_name="spend-index-by-department-and-service",
        columns={
            "department": "Department",
            "service": "Service type",
            "amount_per_fte": "Spend per FTE (£)",
            "force_per_fte": "Force average per FTE (£)",
            "index": "Index (force average = 100)",
        },
    )
