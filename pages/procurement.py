"""Procurement and contracts for the procurement lead: the register, what ends when, how much is bought on
contract, how concentrated each market is, how a tender's bids rank under other weights, and the contract KPI
ratings the Procurement Act 2023 asks for."""

import streamlit as st

from bsdash import formatting as fmt
from bsdash.analysis import procurement
from bsdash.charts import analysis as charts
from bsdash.ui.components import chart_with_table, data_table, headline, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Procurement and contracts",
    "What is bought on contract, what ends when, and how well the big contracts perform?",
    filters,
)
params, as_at = filters.params(), filters.as_at
services = params["services"]

pipeline = query("contract_expiry_pipeline", as_at=as_at, services=services)
register = query("contract_register", date_from=params["date_from"], date_to=params["date_to"], services=services)
on_contract = query("spend_on_contract_by_service", **params)
period = {"date_from": params["date_from"], "date_to": params["date_to"]}
compliance = query("contract_kpi_compliance", **period, as_at=as_at, services=services)

tiles = st.columns(4)
with tiles[0]:
    headline(
        "Contracts live in the period",
        fmt.count(len(register)),
        help="Started by the period's end, ending after its start.",
    )
with tiles[1]:
    inside = pipeline[pipeline["inside_lead_time"]]
    headline(
        "Ending in 18 months (a year)",
        fmt.money_short(pipeline["annual_value"].sum()),
        help=f"{len(pipeline)} contracts end within 18 months of {fmt.uk_date(as_at)}; {len(inside)} of them "
        f"({fmt.money_short(inside['annual_value'].sum())} a year) are already inside their re-procurement lead time.",
    )
with tiles[2]:
    addressable = on_contract["addressable_amount"].sum()
    share = on_contract["on_contract_amount"].sum() / addressable if addressable else None
    headline(
        "Spend on contract",
        fmt.percent(share),
        help="Spend with a supplier holding a live contract for the service / addressable spend.",
    )
with tiles[3]:
    short = compliance[compliance["too_few_kpis"] | compliance["rating_overdue"]]
    headline(
        "Over £5m, short of the Act",
        fmt.count(len(short)),
        help="Procurement Act 2023: fewer than three KPIs, or no rating in the last twelve months.",
    )

st.subheader("Contracts ending in the next 18 months", anchor=False)
st.caption(
    f"Counted from the data's last day, {fmt.uk_date(as_at)} (the period filter does not apply; service and provider "
    "types do). Each bar runs from the day re-procurement must start (its lead time before the end) to the end "
    "date; vermillion, hatched bars are already inside their lead time. Departments do not hold contracts, so the "
    "department filter does not apply to the register."
)
pipeline_columns = {
    "contract_id": "Contract",
    "title": "Title",
    "supplier": "Supplier",
    "service": "Service type",
    "end_date": "End date",
    "band": "Ends in",
    "annual_value": "Annual value (£)",
    "reprocurement_lead_months": "Lead time (months)",
    "reprocurement_start": "Re-procurement should start",
    "inside_lead_time": "Inside lead time",
}
if pipeline.empty:
    nothing_to_show("No contract for these service types ends in the next 18 months.")
else:
    # The timeline gets the page's full width: its contract labels are long and its bands are months wide.
    chart_with_table(
        charts.expiry_timeline(pipeline, as_at),
        pipeline,
        key="procurement_timeline",
        file_name="contract-expiry-pipeline",
        columns=pipeline_columns,
    )
    left, _ = st.columns([1, 1])
    with left:
        chart_with_table(
            charts.value_by_band(pipeline),
            procurement.expiry_by_band(pipeline),
            key="procurement_bands",
            file_name="contract-expiry-by-band",
            columns={
                "band": "Ends in",
                "inside_lead_time": "Inside lead time",
                "contracts": "Contracts",
                "annual_value": "Annual value (£)",
            },
        )

left, right = st.columns(2)
with left:
    st.subheader("On and off contract", anchor=False)
    if on_contract.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        chart_with_table(
            charts.on_and_off_contract(on_contract),
            on_contract,
            key="procurement_on_contract",
            file_name="spend-on-contract-by-service",
            columns={
                "service": "Service type",
                "on_contract_amount": "On contract (£)",
                "off_contract_amount": "Off contract (£)",
                "addressable_amount": "Addressable spend (£)",
                "on_contract_share": "On contract (%)",
            },
            caption="Addressable spend leaves out payments to individuals whose names are redacted.",
        )
with right:
    st.subheader("Supplier concentration and tail spend", anchor=False)
    concentration = query("supplier_concentration_by_service", **params)
    if concentration.empty:
        nothing_to_show("No payments match the filters in this period.")
    else:
        st.markdown(procurement.concentration_sentence(concentration))
        chart_with_table(
            charts.concentration(concentration),
            concentration,
            key="procurement_concentration",
            file_name="supplier-concentration-by-service",
            columns={
                "service": "Service type",
                "suppliers": "Suppliers",
                "amount": "Spend (£)",
                "top5_share": "Top five suppliers (%)",
                "hhi": "HHI",
                "tail_suppliers": "Tail suppliers (last 20 %)",
                "tail_amount": "Tail spend (£)",
            },
            caption="HHI = the sum of the suppliers' squared percentage shares: under 1,500 unconcentrated, over "
            "2,500 highly concentrated (hatched).",
        )

st.subheader("Tender evaluation: move the weights", anchor=False)
tenders = query("tender_list", services=services)
if tenders.empty:
    nothing_to_show("No tender with bids on record for these service types.")
else:
    labels = dict(zip(tenders["contract_id"], tenders["title"] + " (" + tenders["contract_id"] + ")", strict=True))
    chosen = st.selectbox("Tender", list(labels), format_func=labels.get, key="tender")
    tender = tenders[tenders["contract_id"] == chosen].iloc[0]
    if st.session_state.get("tender_weights_for") != chosen:  # a new tender starts at its published weights
        st.session_state["tender_weights_for"] = chosen
        for name in ("price", "quality", "capability"):
            st.session_state[f"weight_{name}"] = int(tender[f"{name}_weight"])
    st.caption(
        f"Published weights: price {tender['price_weight']:.0f}%, quality {tender['quality_weight']:.0f}%, "
        f"capability {tender['capability_weight']:.0f}%. Price points = lowest bid / the bid x price weight; "
        "quality and capability points = score / 100 x weight. Weights are scaled to add up to 100."
    )
    sliders = st.columns(3)
    raw = [
        sliders[i].slider(f"{name.capitalize()} weight (%)", 0, 100, key=f"weight_{name}")
        for i, name in enumerate(("price", "quality", "capability"))
    ]
    weights = procurement.Weights.of(*raw)
    scored = procurement.score_bids(query("tender_bids_of_contract", contract_id=chosen), weights)
    st.markdown(procurement.ranking_sentence(scored, weights))
    chart_with_table(
        charts.bid_points(scored),
        scored,
        key="procurement_bids",
        file_name=f"tender-{chosen}-ranking",
        columns={
            "rank": "Rank",
            "bidder": "Bidder",
            "bid_price": "Bid price (£)",
            "quality_score": "Quality score",
            "capability_score": "Capability score",
            "price_points": "Price points",
            "quality_points": "Quality points",
            "capability_points": "Capability points",
            "total_points": "Total points",
            "is_winner": "Awarded",
        },
        kinds={"rank": "count", "quality_score": "number", "capability_score": "number"},
    )

st.subheader("Contract KPI ratings: contracts over £5m (Procurement Act 2023)", anchor=False)
if compliance.empty:
    nothing_to_show("No contract over £5m for these service types was live in this period.")
else:
    ratings = query(
        "contract_kpi_ratings", **{k: params[k] for k in ("date_from", "date_to")}, as_at=as_at, services=services
    )
    st.caption(
        "A contract worth over £5m needs at least three KPIs, each rated Good (G), Approaching target (A), Requires "
        "improvement (RI) or Inadequate (I) at least once every twelve months. Every rating up to "
        f"{fmt.uk_date(as_at)} of the contracts live in the period; the table below lists what falls short."
    )
    if ratings.empty:
        nothing_to_show("These contracts have no KPI ratings on record.")
    else:
        chart_with_table(
            charts.kpi_ratings(ratings),
            ratings,
            key="procurement_kpis",
            file_name="contract-kpi-ratings",
            columns={
                "contract_id": "Contract",
                "title": "Title",
                "supplier": "Supplier",
                "kpi": "KPI",
                "period_end": "Period end",
                "rating": "Rating",
                "target": "Target",
                "result": "Result",
            },
        )
    data_table(
        compliance,
        key="procurement_compliance",
        file_name="contract-kpi-compliance",
        columns={
            "contract_id": "Contract",
            "title": "Title",
            "supplier": "Supplier",
            "total_value": "Total value (£)",
            "kpis": "KPIs",
            "last_rated": "Last rated",
            "good": "Good",
            "approaching_target": "Approaching target",
            "requires_improvement": "Requires improvement",
            "inadequate": "Inadequate",
            "too_few_kpis": "Fewer than 3 KPIs",
            "rating_overdue": "Rating overdue",
        },
        kinds={
            "kpis": "count",
            "good": "count",
            "approaching_target": "count",
            "requires_improvement": "count",
            "inadequate": "count",
        },
    )

st.subheader("The contract register", anchor=False)
if register.empty:
    nothing_to_show("No contract for these service types was live in this period.")
else:
    routes = st.multiselect(
        "Procurement route", sorted(register["procurement_route"].unique()), key="routes", placeholder="All routes"
    )
    shown = register[register["procurement_route"].isin(routes)] if routes else register
    st.caption(
        f"{len(shown):,} contracts live at some time in the period, worth "
        f"{fmt.money(shown['annual_value'].sum())} a year."
    )
    data_table(shown, key="procurement_register", file_name="contract-register", height=420)
