"""Benchmarks, the inspectorate's view: the force against its most similar group (MSG) and all forces of England and
Wales, HMICFRS value-for-money style, with weighted group averages, the sorted "ski slope" and the notional saving
at the group's rate. Says which figures are real and which illustrative."""

import streamlit as st

from bsdash import formatting as fmt
from bsdash.analysis import benchmarks
from bsdash.charts import analysis as charts
from bsdash.fiscal import year_bounds
from bsdash.ui.components import chart_with_table, headline, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current
from bsdash.ui.router import through_router

through_router()

MEASURES = {
    "spend_per_head": ("Spend per head of population", True),
    "spend_per_fte": ("Spend per FTE (officers and staff)", True),
    "fte_per_1000": ("Officers and staff per 1,000 residents", False),
}
filters = current()
page_header(
    "Benchmarks",
    "How do our business services compare with our most similar forces and with every force in England and Wales?",
    filters,
)
years = list(query("benchmark_years")["financial_year"])
complete = [y for y in years if year_bounds(y)[1] <= filters.as_at]
if not complete:
    nothing_to_show("There are no other forces' figures for a complete financial year to compare with.")
    st.stop()
wanted = filters.period.financial_year
year = wanted if wanted in complete else complete[0]
notes = (
    [] if wanted == year else [f"Benchmarks compare whole financial years: showing {year}, the latest complete one."]
)
workforce = query("benchmark_workforce_by_force", as_at=year_bounds(year)[1])
spend = query("benchmark_spend_by_force_and_function", financial_year=year, services=filters.params()["services"])
if spend.empty or workforce["officers"].isna().all():
    nothing_to_show("No spend or workforce figures to compare for this year and these service types.")
    st.stop()
forces = benchmarks.force_totals(workforce, spend)
home = forces[forces["is_home_force"]].iloc[0]
comparison = benchmarks.compare(forces)
functions = benchmarks.by_function(spend, forces)

as_at = fmt.uk_date(home["workforce_as_at"])
if str(home["officers_source"]).startswith("Illustrative"):
    workforce_note = (
        f"**Illustrative workforce:** {home['officers_source']}. Import the Home Office tables (see the "
        "README) to compare real officer and staff numbers.  \n"
    )
else:
    workforce_note = (
        f"**Real:** every force's police officers and police staff (full-time equivalent) at {as_at}, from the "
        f"{home['source_publication']}: officers from {home['officers_source']}; staff from {home['staff_source']}. "
        f"{home['force']}: {home['officers']:,.2f} officers and {home['staff']:,.2f} staff.  \n"
    )
st.info(
    workforce_note
    + f"**Illustrative:** populations ({home['population_source'] or 'not given'}) and other forces' spend by POA "
    f"function ({benchmarks.spend_source(spend, home['force'])}). "
    f"{home['force']}'s spend is its own payments in {year}.  \n"
    "The workforce figures are the latest the tables hold, so they are older than the spend. The department filter "
    "does not apply (forces are compared whole); service and provider types choose the POA functions compared.",
    icon=":material/fact_check:",
)
for note in notes:
    st.caption(note)

tiles = st.columns(3)
for tile, (name, (label, money)) in zip(tiles, MEASURES.items(), strict=True):
    figure = comparison[name]
    shown = (lambda v: f"£{v:,.2f}") if money else (lambda v: f"{v:,.2f}")
    with tile:
        headline(
            label,
            shown(figure.own),
            delta=f"{figure.gap():+.1%} on the MSG",
            delta_good_when="inverse" if money else "off",
            help=f"MSG average {shown(figure.msg)}, all forces {shown(figure.all_forces)}: weighted (sum over sum), "
            "the MSG leaving our force out.",
        )
saving = functions["notional_saving"].sum()
st.markdown(
    f"At the most similar group's spend per head, function by function, {home['force']} would spend "
    f"**{fmt.money(saving)}** less a year (the notional saving: for each function where we spend more per head than "
    f"the group, the difference x our population of {home['population']:,.0f}). At the group's overall rate it "
    f"would be {fmt.money(comparison['spend_per_head'].saving)}."
)

st.subheader("The ski slope: every force, highest first", anchor=False)
measure = st.radio(
    "Measure", list(MEASURES), format_func=lambda m: MEASURES[m][0], horizontal=True, key="benchmark_measure"
)
slope = benchmarks.ski_slope(forces, measure)
chart_with_table(
    charts.ski_slope(slope, measure, comparison[measure].msg, comparison[measure].all_forces, MEASURES[measure][1]),
    slope,
    key="benchmark_slope",
    file_name=f"benchmark-{measure.replace('_', '-')}",
    columns={
        "force": "Force",
        "region": "Region",
        "role": "Group",
        "population": "Population (illustrative)",
        "officers": "Officers (FTE)",
        "staff": "Staff (FTE)",
        "spend": "Spend (£)",
        "spend_per_head": "Spend per head (£)",
        "spend_per_fte": "Spend per FTE (£)",
        "fte_per_1000": "FTE per 1,000 residents",
    },
    kinds={
        "population": "count",
        "officers": "number",
        "staff": "number",
        "spend_per_head": "pence",
        "spend_per_fte": "money",
    },
    caption="▶ and hatching mark our force; orange bars are its most similar group. Forces without a population "
    "(City of London, whose residents are a tiny share of the people it polices) are left out of per-head figures.",
)

st.subheader("Spend against workforce", anchor=False)
chart_with_table(
    charts.forces_scatter(benchmarks.with_ratios(forces)),
    benchmarks.with_ratios(forces),
    key="benchmark_scatter",
    file_name="benchmark-spend-and-workforce",
    columns={
        "force": "Force",
        "role": "Group",
        "fte_per_1000": "FTE per 1,000 residents",
        "spend_per_head": "Spend per head (£)",
    },
    kinds={"spend_per_head": "pence"},
    caption="Forces to the right have more officers and staff for their population; higher up, they spend more "
    "per resident on business services.",
)

st.subheader("Spend per head by POA function", anchor=False)
if functions.empty:
    nothing_to_show("No POA function to compare for these service types.")
else:
    chart_with_table(
        charts.per_head_by_function(functions),
        functions,
        key="benchmark_functions",
        file_name="benchmark-by-poa-function",
        columns={
            "poa_function": "POA function",
            "own_per_head": "Our spend per head (£)",
            "msg_per_head": "MSG per head (£)",
            "all_forces_per_head": "All forces per head (£)",
            "gap_to_msg": "Gap to MSG (%)",
            "notional_saving": "Notional saving (£)",
        },
        kinds={
            "own_per_head": "pence",
            "msg_per_head": "pence",
            "all_forces_per_head": "pence",
            "gap_to_msg": "percent",
        },
        caption="Group figures are weighted: the group's spend / the group's population.",
    )
