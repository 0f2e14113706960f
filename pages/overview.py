"""Overview for senior leaders: the headline figures with their traffic lights, what changed, where the money goes,
how the services are performing and the monthly trend. Each dataset is read at its own last day."""

import streamlit as st

from bsdash.analysis.figures.overview import BARS, overview
from bsdash.charts import core as charts
from bsdash.ui.board_pack import board_pack_download
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import clickable_chart
from bsdash.ui.filters import current, names
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Business services overview",
    "Are our business services good value and performing, and where are the risks?",
    filters,
)
figures = cached(overview)(filters, runner)
st.caption("Data as at: " + " · ".join(figures.as_at))
board_pack_download(filters)
headlines(figures.headlines)
with st.expander("How the traffic lights are set"):
    st.markdown("\n".join(f"- **{name}**: {rule}" for name, rule in figures.thresholds.items()))

st.header("What changed", anchor=False)
st.markdown("\n".join(f"- {line}" for line in figures.summary))

left, right = st.columns(2)
with left:
    st.header("Spend by service type", anchor=False)
    if figures.by_service.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        clickable_chart(
            charts.spend_by_service(figures.by_service.frame),
            figures.by_service,
            key="overview_spend",
            bars=BARS,
            filters=filters,
            names=names(),
            caption="Click a bar to list the payments behind it.",
        )
with right:
    st.header("Service levels against target", anchor=False)
    if figures.levels.empty:
        nothing_to_show("No service levels were reported for these services in this period.")
    else:
        chart_with_table(charts.levels_against_target(figures.levels.frame), figures.levels, key="overview_levels")

st.header("Monthly trend", anchor=False)
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
        clickable_chart(
            charts.tickets_and_sla_by_month(figures.tickets.frame, figures.sla_target),
            figures.tickets,
            key="overview_tickets",
            bars=BARS,
            filters=filters,
            names=names(),
            caption="Click a month's bar to list the tickets logged in it.",
        )
