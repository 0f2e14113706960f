"""Benchmarks, the inspectorate's view: the force against its most similar group (MSG) and all forces of England and
Wales, HMICFRS value-for-money style, with weighted group averages, the sorted "ski slope" and the notional saving
at the group's rate. Says which figures are real and which illustrative. Clicking our force's bar lists its
payments."""

import streamlit as st

from bsdash.analysis.figures.benchmarks import BARS, MEASURES, benchmarks
from bsdash.charts import analysis as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import clickable_chart
from bsdash.ui.filters import current, follow_in_url, names, page_choice
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Benchmarks",
    "How do our business services compare with our most similar forces and with every force in England and Wales?",
    filters,
)
figures = cached(benchmarks)(filters, runner)
if isinstance(figures, str):
    nothing_to_show(figures)
    st.stop()
st.info(figures.sources, icon=":material/fact_check:")
for note in figures.notes:
    st.caption(note)
headlines(figures.headlines)
st.markdown(figures.saving)


@st.fragment
def ski_slope() -> None:
    """The measure chosen redraws this section alone."""
    measures = list(MEASURES)
    page_choice("measure", measures, measures[0], what="measure")
    measure = st.radio("Measure", measures, format_func=lambda m: MEASURES[m][0], horizontal=True, key="measure")
    follow_in_url("measure", measure, measures[0])
    slope, comparison = figures.slope(measure), figures.comparison[measure]
    clickable_chart(
        charts.ski_slope(
            slope.frame, measure, comparison.msg, comparison.all_forces, MEASURES[measure][1], MEASURES[measure][2]
        ),
        slope,
        key="benchmark_slope",
        bars=BARS,
        filters=filters,
        names=names(),
        caption="▶ and hatching mark our force (click its bar to list its payments); orange bars are its most "
        "similar group. Forces without a population (City of London, whose residents are a tiny share of the "
        "people it polices) are left out of per-head figures.",
    )


st.header("The ski slope: every force, highest first", anchor=False)
ski_slope()

st.header("Spend against workforce", anchor=False)
chart_with_table(
    charts.forces_scatter(figures.scatter.frame),
    figures.scatter,
    key="benchmark_scatter",
    caption="Forces to the right have more officers and staff for their population; higher up, they spend more "
    "per resident on business services.",
)

st.header("Spend per head by POA function", anchor=False)
if figures.functions.empty:
    nothing_to_show("No POA function to compare for these service types.")
else:
    chart_with_table(
        charts.per_head_by_function(figures.functions.frame),
        figures.functions,
        key="benchmark_functions",
        caption="Group figures are weighted: the group's spend / the group's population.",
    )
