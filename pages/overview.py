"""Overview for senior leaders: the headline figures with their traffic lights, what changed, where the money goes,
how the services are performing and the monthly trend. Each dataset is read at its own last day."""

import streamlit as st

from bsdash.analysis.figures.overview import BARS, overview
from bsdash.charts import core as charts
from bsdash.ui.components import chart_with_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import drill_through
from bsdash.ui.filters import current, names
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Business services overview",
    "Are our business services good value and performing, and where are the risks?",
    filters,
)
figures = overview(filters, runner)
st.caption("Data as at: " + " · ".join(figures.as_at))
headlines(figures.headlines)
with st.expander("How the traffic lights are set"):
    st.markdown("\n".join(f"- **{name}**: {rule}" for name, rule in figures.thresholds.items()))

st.subheader("What changed", anchor=False)
st.markdown("\n".join(f"- {line}" for line in figures.summary))

left, right = st.columns(2)
with left:
    st.subheader("Spend by service type", anchor=False)
    if figures.by_service.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        event = chart_with_table(
            charts.spend_by_service(figures.by_service.frame),
            figures.by_service,
            key="overview_spend",
            selectable=True,
            caption="Click a bar to list the payments behind it.",
        )
        drill_through("overview_spend", event, BARS, filters, names())
with right:
    st.subheader("Service levels against target", anchor=False)
    if figures.levels.empty:
        nothing_to_show("No service levels were reported for these services in this period.")
    else:
        chart_with_table(charts.levels_against_target(figures.levels.frame), figures.levels, key="overview_levels")

st.subheader("Monthly trend", anchor=False)
left, right = st.columns(2)
with left:
    if figures.monthly.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        chart_with_table(
            charts.stacked_by_month(figures.monthly.frame, "amount", "service"), figures.monthly, key="overview_monthly"
        )
with right:
    if not figures.shows_tickets:
        nothing_to_show(
            "No IT tickets in this selection (IT support is not among the service types chosen, or "
            "none were logged in the period)."
        )
    else:
        event = chart_with_table(
            charts.tickets_and_sla_by_month(figures.tickets.frame, figures.sla_target),
            figures.tickets,
            key="overview_tickets",
            selectable=True,
            caption="Click a month's bar to list the tickets logged in it.",
        )
        drill_through("overview_tickets", event, BARS, filters, names())
