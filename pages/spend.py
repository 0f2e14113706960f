"""Spend and budgets for planners: where the money goes, with whom, and whether budgets will hold. Clicking a bar
lists the payments behind it, beside the chart."""

import streamlit as st

from bsdash.analysis.figures.spend import BARS, spend
from bsdash.charts import core as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.drill import clickable_chart
from bsdash.ui.filters import current, names
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header("Spend and budgets", "Where does the money go, with whom, and will the budgets hold?", filters)
figures = cached(spend)(filters, runner)
if figures.empty:
    nothing_to_show("No payments match the filters in this period.")
    st.stop()
words = names(figures.suppliers_by_code)
st.markdown(f"{figures.total}. Click a bar to list the payments behind it.")


def clickable(figure, table, key: str, caption: str | None = None) -> None:
    clickable_chart(figure, table, key=key, bars=BARS, filters=filters, names=words, caption=caption)


left, right = st.columns(2)
with left:
    st.header("By service type", anchor=False)
    clickable(charts.spend_by_service(figures.by_service.frame), figures.by_service, "spend_service")
with right:
    st.header("By month", anchor=False)
    clickable(
        charts.stacked_by_month(figures.monthly.frame, "amount", "service", key="service_id"),
        figures.monthly,
        "spend_month",
    )

st.header("Suppliers", anchor=False)
st.markdown(figures.concentration)
clickable(
    charts.horizontal_bars(
        figures.top_suppliers.frame, "amount", "supplier", key="supplier_id", hover=" paid", axis_title="Spend (£)"
    ),
    figures.suppliers,
    "spend_suppliers",
    caption="The 15 largest suppliers; the table lists them all.",
)

left, right = st.columns(2)
with left:
    st.header("By expense type", anchor=False)
    clickable(
        charts.horizontal_bars(
            figures.expense_top.frame, "amount", "expense_type", key="expense_type", axis_title="Spend (£)"
        ),
        figures.expense,
        "spend_expense",
        caption="The 15 largest expense types; the table splits them by service type.",
    )
with right:
    st.header("Capital and revenue", anchor=False)
    clickable(
        charts.stacked_by_month(figures.capital.frame, "amount", "capital_revenue", order=["Revenue", "Capital"]),
        figures.capital,
        "spend_capital",
    )

st.header("Budget against actual", anchor=False)
if figures.budget.empty:
    nothing_to_show("No budgets for these departments and services in this period.")
else:
    clickable(charts.budget_variance(figures.budget.frame), figures.budget, "spend_budget", figures.budget_caption)
