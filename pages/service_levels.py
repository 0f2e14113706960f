"""Service levels: IT support against its SLAs (each priority against its own target, time to resolve and assign,
backlog, breach risk, reopen and first-contact rates, the ticket workflow) and the other services' monthly levels
against target. Clicking a bar lists the tickets behind it."""

import streamlit as st

from bsdash.analysis.figures.service_levels import BARS, service_levels
from bsdash.charts import core as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import clickable_chart
from bsdash.ui.filters import current, names
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header("Service levels", "Are the services meeting their targets, and where are tickets waiting?", filters)
figures = cached(service_levels)(filters, runner)
it = figures.it
words = names()


def clickable(figure, table, key: str, caption: str | None = None) -> None:
    clickable_chart(figure, table, key=key, bars=BARS, filters=filters, names=words, caption=caption)


if it is None:
    nothing_to_show(
        "No IT tickets were resolved in this selection (or IT support is filtered out), so there are "
        "no IT service levels to show."
    )
else:
    headlines(it.headlines, per_row=4)
    st.header("SLA compliance and time to resolve by priority", anchor=False)
    left, right = st.columns(2)
    with left:
        clickable(
            charts.levels_against_target(it.levels.frame, "service", key="priority"),
            it.levels,
            "levels_priority",
            "Click a priority to list the tickets resolved in the period.",
        )
    with right:
        chart_with_table(
            charts.time_to_resolve(it.by_priority.frame, "priority"),
            it.by_priority,
            key="levels_resolve_time",
            caption="Hours from logged to resolved: the median and the 90th percentile (the tail a mean hides).",
        )

    st.header("The ticket workflow: time in each stage", anchor=False)
    st.caption(
        "Submitted, assigned (by skill and availability), resolved and the user notified, closed after the user "
        "confirms or five days pass. Median hours per stage and priority; the table adds the 90th percentile."
    )
    chart_with_table(
        charts.grouped_bars(
            it.stages.frame, "stage", "median_hours", "priority", money=False, axis_title="Median hours"
        ),
        it.stages,
        key="levels_stages",
    )

    left, right = st.columns(2)
    with left:
        st.header(f"Backlog and ageing at {it.end}", anchor=False)
        if it.open_now == 0:
            nothing_to_show("No tickets were open at the end of the period.")
        else:
            clickable(
                charts.bands(
                    it.backlog.frame,
                    "age_band",
                    "open_tickets",
                    colour_by="priority",
                    key=["priority", "age_from", "age_to"],
                    axis_title="Open tickets",
                ),
                it.backlog,
                "levels_backlog",
            )
    with right:
        st.header("Open tickets by share of SLA used", anchor=False)
        if it.open_now == 0:
            nothing_to_show("No tickets were open at the end of the period.")
        else:
            clickable(
                charts.bands(
                    it.risk.frame,
                    "band",
                    "open_tickets",
                    highlight="needs_action",
                    key=["used_from", "used_to"],
                    axis_title="Open tickets",
                ),
                it.risk,
                "levels_risk",
                "Hatched bars need action: at risk of breach (75 % or more of the time used) or breached.",
            )

    st.header("Reopen, first-assignment and first-contact resolution", anchor=False)
    chart_with_table(
        charts.grouped_bars(
            it.rates_long.frame,
            "priority",
            "value",
            "rate",
            money=False,
            percent=True,
            axis_title="Share of tickets (%)",
        ),
        it.rates,
        key="levels_rates",
        caption="Satisfaction and the survey response rate are in the table.",
    )

st.header("Other services: monthly levels against target", anchor=False)
if figures.kpis.empty:
    nothing_to_show("No monthly service levels were reported for the services chosen in this period.")
else:
    st.caption(figures.kpi_caption)
    chart_with_table(charts.kpi_small_multiples(figures.kpis.frame), figures.kpis, key="levels_kpis")
