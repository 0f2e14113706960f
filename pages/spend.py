"""Spend and budgets for planners: where the money goes, with whom, and whether budgets will hold.
Clicking a bar shows the payments behind it."""

import pandas as pd
import streamlit as st

from bsdash import formatting as fmt
from bsdash.charts import core as charts
from bsdash.ui.components import chart_with_table, data_table, new_click, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current, options
from bsdash.ui.router import through_router
from bsdash.ui.scope import scope_note

through_router()

DRILL_LIMIT = 5000
filters = current()
page_header("Spend and budgets", "Where does the money go, with whom, and will the budgets hold?", filters)
params = filters.params()
service_ids = {name: code for code, name in options().services.items()}


def drill_into(label: str, **narrowing: str | None) -> None:
    """Remember what was clicked, so that the payments behind it are listed below."""
    st.session_state["spend_drill"] = {"label": label, **{k: v for k, v in narrowing.items() if v}}


by_service = query("spend_by_service", **params)
if by_service.empty:
    nothing_to_show("No payments match the filters in this period.")
    st.stop()
total = by_service["amount"].sum()
st.markdown(
    f"**{fmt.money(total)}** in **{fmt.count(by_service['payments'].sum())}** payments. "
    "Click a bar to list the payments behind it."
)

left, right = st.columns(2)
with left:
    st.subheader("By service type", anchor=False)
    event = chart_with_table(
        charts.spend_by_service(by_service),
        by_service,
        key="spend_service",
        selectable=True,
        file_name="spend-by-service",
        columns={"service": "Service type", "amount": "Spend (£)", "payments": "Payments", "share": "Share (%)"},
    )
    if point := new_click("spend_service", event):
        drill_into(f"service type {point['y']}", service=point["customdata"][2])
with right:
    st.subheader("By month", anchor=False)
    monthly = query("spend_by_month", **params)
    event = chart_with_table(
        charts.stacked_by_month(monthly, "amount", "service"),
        monthly,
        key="spend_month",
        selectable=True,
        file_name="spend-by-month",
        columns={"month": "Month", "service": "Service type", "amount": "Spend (£)", "payments": "Payments"},
    )
    if point := new_click("spend_month", event):
        month = pd.Timestamp(point["x"]).date().replace(day=1)
        service = point["customdata"][0]
        drill_into(f"{service}, {month:%B %Y}", month=month.isoformat(), service=service_ids.get(service, "unmapped"))

st.subheader("Suppliers", anchor=False)
suppliers = query("spend_by_supplier", **params)
top = suppliers.head(15)
shares = suppliers["share"].fillna(0)
top5, hhi = shares.head(5).sum(), (100 * shares).pow(2).sum()
tail = suppliers[suppliers["share"].cumsum() > 0.8]
on_contract = (suppliers["amount"] * suppliers["on_contract_share"]).sum() / suppliers["amount"].sum()
st.markdown(
    f"The top five suppliers take **{top5:.0%}** of this spend (HHI {hhi:,.0f}: under 1,500 is unconcentrated, "
    f"over 2,500 highly concentrated). **{len(tail):,}** suppliers make up the last 20 % "
    f"({fmt.money(tail['amount'].sum())}). **{on_contract:.0%}** was paid to a supplier holding a live "
    "contract for the service."
)
event = chart_with_table(
    charts.horizontal_bars(top, "amount", "supplier", key="supplier_id", hover=" paid"),
    suppliers,
    key="spend_suppliers",
    selectable=True,
    file_name="spend-by-supplier",
    columns={
        "supplier": "Supplier",
        "provider_type": "Provider type",
        "amount": "Spend (£)",
        "payments": "Payments",
        "share": "Share (%)",
        "on_contract_share": "On contract (%)",
    },
    caption="The 15 largest suppliers; the table lists them all.",
)
if point := new_click("spend_suppliers", event):
    drill_into(f"supplier {point['y']}", supplier=point["customdata"][0])

left, right = st.columns(2)
with left:
    st.subheader("By expense type", anchor=False)
    expense = query("spend_by_expense_type", **params)
    by_type = expense.groupby("expense_type", as_index=False)["amount"].sum().nlargest(15, "amount")
    event = chart_with_table(
        charts.horizontal_bars(by_type, "amount", "expense_type", key="expense_type"),
        expense,
        key="spend_expense",
        selectable=True,
        file_name="spend-by-expense-type",
        columns={
            "expense_type": "Expense type",
            "service": "Service type",
            "amount": "Spend (£)",
            "payments": "Payments",
        },
    )
    if point := new_click("spend_expense", event):
        drill_into(f"expense type {point['y']}", expense_type=point["y"])
with right:
    st.subheader("Capital and revenue", anchor=False)
    capital = query("spend_by_capital_revenue", **params)
    capital = capital.assign(capital_revenue=capital["capital_revenue"].str.capitalize())
    event = chart_with_table(
        charts.stacked_by_month(capital, "amount", "capital_revenue", order=["Revenue", "Capital"]),
        capital,
        key="spend_capital",
        selectable=True,
        file_name="capital-and-revenue",
        columns={
            "month": "Month",
            "capital_revenue": "Capital or revenue",
            "amount": "Spend (£)",
            "payments": "Payments",
        },
    )
    if point := new_click("spend_capital", event):
        month = pd.Timestamp(point["x"]).date().replace(day=1)
        drill_into(
            f"{point['customdata'][0].lower()} spend, {month:%B %Y}",
            month=month.isoformat(),
            capital_revenue=point["customdata"][0].lower(),
        )

st.subheader("Budget against actual", anchor=False)
budget = query("budget_by_department", **params, as_at=filters.as_at)
if budget.empty:
    nothing_to_show("No budgets for these departments and services in this period.")
else:
    over = budget.dropna(subset=["forecast_variance_share"])
    st.caption(
        "Forecast outturn = actual to date + the average month so far x the months left. Vermillion, hatched "
        "bars forecast an overspend."
    )
    figure = charts.horizontal_bars(
        over.assign(pct=100 * over["forecast_variance_share"]),
        "pct",
        "department",
        money=False,
        hover="% forecast against budget",
    )
    figure.update_traces(
        marker_color=[charts.BAD if v > 0 else charts.GOOD for v in over["forecast_variance_share"].iloc[::-1]],
        marker_pattern_shape=["/" if v > 0 else "" for v in over["forecast_variance_share"].iloc[::-1]],
    )
    figure.update_xaxes(ticksuffix="%")
    event = chart_with_table(
        figure,
        budget,
        key="spend_budget",
        selectable=True,
        file_name="budget-against-actual",
        columns={
            "department": "Department",
            "budget": "Budget (£)",
            "budget_to_date": "Budget to date (£)",
            "actual": "Actual to date (£)",
            "variance_to_date": "Variance to date (£)",
            "forecast_outturn": "Forecast outturn (£)",
            "forecast_variance": "Forecast variance (£)",
            "forecast_variance_share": "Forecast variance (%)",
        },
    )
    if point := new_click("spend_budget", event):
        code = budget.loc[budget["department"] == point["y"], "department_id"]
        drill_into(f"department {point['y']}", department=code.iloc[0] if len(code) else None)

drill = st.session_state.get("spend_drill") or {}
if drill:
    st.subheader(f"Payments behind the selection: {drill['label']}", anchor=False)
    narrowing = {k: v for k, v in drill.items() if k != "label"}
    payments = query("payments", **params, **narrowing, row_limit=DRILL_LIMIT)
    scope_note()
    if payments.empty:
        nothing_to_show("No payments behind this selection with the current filters.")
    else:
        note = f" (the {DRILL_LIMIT:,} largest)" if len(payments) == DRILL_LIMIT else ""
        st.caption(f"{len(payments):,} payments{note}, totalling {fmt.money(payments['amount'].sum())}.")
        data_table(payments, key="spend_payments", file_name="payments", kinds={"amount": "pence"}, height=420)
    if st.button("Clear the selection", icon=":material/close:"):
        st.session_state["spend_drill"] = {}
        st.rerun()
