"""Procurement and contracts for the procurement lead: the register, what ends when (soonest and most urgent
first), how much is bought on contract, how concentrated each market is, how a tender's bids rank under other
weights (kept in the URL), and the contract KPI ratings the Procurement Act 2023 asks for."""

import streamlit as st

from bsdash.analysis.figures import procurement as figures_of
from bsdash.charts import analysis as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, data_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.filters import current, follow_in_url, page_choice, page_value
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Procurement and contracts",
    "What is bought on contract, what ends when, and how well the big contracts perform?",
    filters,
)
figures = cached(figures_of.procurement_figures)(filters, runner)
headlines(figures.headlines, per_row=4)

st.header("Contracts ending in the next 18 months", anchor=False)
st.caption(
    f"Counted from the contract register's day, {figures.as_at} (the period filter does not apply; service and "
    "provider types do). Most urgent first: contracts already inside their re-procurement lead time (vermillion, "
    "hatched), then the rest, each soonest end first. Each bar runs from the day re-procurement must start to "
    "the end date. Departments do not hold contracts, so the department filter does not apply to the register."
)
if figures.pipeline.empty:
    nothing_to_show("No contract for these service types ends in the next 18 months.")
else:
    chart_with_table(
        charts.expiry_timeline(figures.pipeline.frame, filters.dates.of("contracts")),
        figures.pipeline,
        key="procurement_timeline",
    )
    left, _ = st.columns([1, 1])
    with left:
        chart_with_table(charts.value_by_band(figures.pipeline.frame), figures.bands, key="procurement_bands")

left, right = st.columns(2)
with left:
    st.header("On and off contract", anchor=False)
    if figures.on_contract.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        chart_with_table(
            charts.on_and_off_contract(figures.on_contract.frame),
            figures.on_contract,
            key="procurement_on_contract",
            caption="Addressable spend leaves out payments to individuals whose names are redacted.",
        )
with right:
    st.header("Supplier concentration and tail spend", anchor=False)
    if figures.concentration.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        st.markdown(figures.concentration_sentence)
        chart_with_table(
            charts.concentration(figures.concentration.frame),
            figures.concentration,
            key="procurement_concentration",
            caption="HHI = the sum of the suppliers' squared percentage shares: under 1,500 unconcentrated, over "
            "2,500 highly concentrated (hatched). Tail = the suppliers after those that make up 80 % of the spend.",
        )


@st.fragment
def tender_evaluation() -> None:
    """A tender chosen or a weight moved redraws this section alone."""
    if not figures.tenders:
        nothing_to_show("No tender with bids on record for these service types.")
        return
    tenders = list(figures.tenders)
    page_choice("tender", tenders, tenders[0], what="tender")
    chosen = st.selectbox("Tender", tenders, format_func=figures.tenders.get, key="tender")
    follow_in_url("tender", chosen, tenders[0])
    published = cached(figures_of.tender)(runner, chosen, None).published
    published_weights = (published.price, published.quality, published.capability)
    page_value("weights", figures_of.parse_weights, published_weights, what="weights")
    if st.session_state.get("tender_weights_for") != chosen:  # a tender starts at the link's or its published weights
        start = st.session_state.pop("weights") if "tender_weights_for" not in st.session_state else published_weights
        st.session_state["tender_weights_for"] = chosen
        for name, weight in zip(("price", "quality", "capability"), start, strict=True):
            st.session_state[f"weight_{name}"] = int(weight)
    sliders = st.columns(3)
    weights = tuple(
        sliders[i].slider(f"{name.capitalize()} weight (%)", 0, 100, key=f"weight_{name}")
        for i, name in enumerate(("price", "quality", "capability"))
    )
    follow_in_url("weights", figures_of.weights_text(weights), figures_of.weights_text(published_weights))
    scored = cached(figures_of.tender)(runner, chosen, weights)
    st.caption(scored.caption)
    st.markdown(scored.sentence)
    chart_with_table(charts.bid_points(scored.bids.frame), scored.bids, key="procurement_bids")


st.header("Tender evaluation: move the weights", anchor=False)
tender_evaluation()

st.header("Contract KPI ratings: contracts over £5m (Procurement Act 2023)", anchor=False)
if figures.compliance.empty:
    nothing_to_show("No contract over £5m for these service types was live in this period.")
else:
    st.caption(
        "A contract worth over £5m needs at least three KPIs, each rated Good (G), Approaching target (A), Requires "
        "improvement (RI) or Inadequate (I) at least once every twelve months. Every rating up to "
        f"{figures.as_at} of the contracts live in the period; the table below lists what falls short."
    )
    if figures.ratings.empty:
        nothing_to_show("These contracts have no KPI ratings on record.")
    else:
        chart_with_table(charts.kpi_ratings(figures.ratings.frame), figures.ratings, key="procurement_kpis")
    data_table(figures.compliance, key="procurement_compliance")


@st.fragment
def contract_register() -> None:
    """Routes chosen redraw this section alone."""
    if figures.register.empty:
        nothing_to_show("No contract for these service types was live in this period.")
        return
    routes = st.multiselect("Procurement route", figures.routes, key="routes", placeholder="All routes")
    shown, sentence = figures_of.register_by_route(figures.register, routes)
    st.caption(sentence)
    data_table(shown, key="procurement_register", height=420)


st.header("The contract register", anchor=False)
contract_register()
