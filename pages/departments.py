"""Departments compared, per head: what each needs and uses of every business service. Clicking a bar lists the
payments or tickets behind it."""

import streamlit as st

from bsdash.analysis.figures.departments import BARS, default_comparison, departments
from bsdash.charts import core as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import clickable_chart
from bsdash.ui.filters import current, follow_in_url, names, options, page_choice
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Departments compared", "What does each department need and use, per head of its officers and staff?", filters
)
known = options().departments
default = default_comparison(filters, list(known))
page_choice("compare", list(known), default, what="department", limit=4)
compared = st.multiselect(
    "Departments to compare (two to four)",
    list(known),
    max_selections=4,
    format_func=known.get,
    key="compare",
    persist_state="session",
)
follow_in_url("compare", compared, default)
if len(compared) < 2:
    nothing_to_show("Choose at least two departments to compare.")
    st.stop()

figures = cached(departments)(filters, runner, compared)
words = names()
st.info(figures.sentence, icon=":material/lightbulb:")

st.header("Spend per FTE by service type", anchor=False)
if not figures.has_spend:
    nothing_to_show("No payments for these departments and services in this period.")
else:
    clickable_chart(
        charts.grouped_bars(
            figures.per_fte.frame,
            "service",
            "amount_per_fte",
            "department",
            key=["department_id", "service_id"],
            axis_title="Spend per FTE (£)",
            short=True,
        ),
        figures.per_fte,
        key="departments_per_fte",
        bars=BARS,
        filters=filters,
        names=words,
        caption="Click a bar to list the department's payments for the service.",
    )

st.header("IT support: demand and service levels", anchor=False)
if not figures.shows_tickets:
    nothing_to_show("No IT tickets for these departments in this period (or IT support is filtered out).")
else:
    left, right = st.columns(2)
    with left:
        clickable_chart(
            charts.horizontal_bars(
                figures.tickets.frame,
                "tickets_per_100_fte",
                "department",
                money=False,
                key="department_id",
                hover=" tickets per 100 FTE",
                axis_title="Tickets per 100 FTE",
            ),
            figures.tickets,
            key="departments_demand",
            bars=BARS,
            filters=filters,
            names=words,
            caption="Click a bar to list the tickets the department raised.",
        )
    with right:
        chart_with_table(
            charts.time_to_resolve(figures.tickets.frame, "department"),
            figures.tickets,
            key="departments_resolve",
            caption="Hours from logged to resolved. SLA compliance is in the table.",
        )

st.header("Every department against the force average", anchor=False)
st.caption(
    "Spend per FTE on each service as an index: 100 is the force's average per FTE (all spend on the service "
    "over all officers and staff), 200 twice the average. The departments compared are marked ▶."
)
if not figures.has_index:
    nothing_to_show("No payments in this period to compare.")
else:
    chart_with_table(
        charts.index_heatmap(figures.indexed.frame, figures.highlighted), figures.indexed, key="departments_heatmap"
    )
