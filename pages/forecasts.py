"""Forecasts for finance partners and the service desk: ticket demand month by month and the period's spend
outturn (the same figure as on the Overview and Spend & budgets), with an interval, the method in plain words,
and how well the method did on the data's past."""

import streamlit as st

from bsdash.analysis.figures.forecasts import forecasts
from bsdash.charts import analysis as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, data_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.filters import current
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header("Forecasts", "How many tickets should we expect, and where will this period's spend land?", filters)
figures = cached(forecasts)(filters, runner)
st.caption(figures.caption)

st.header("IT ticket demand by month", anchor=False)
tickets = figures.tickets
if tickets is None:
    nothing_to_show("Ticket forecasts need IT support in the filters and two years of tickets.")
else:
    headlines(tickets.headlines, per_row=2)
    chart_with_table(
        charts.forecast(tickets.shown.frame, money=False, axis_title="Tickets logged a month"),
        tickets.forecast,
        key="forecast_tickets",
        caption="The last three years and the next twelve months.",
    )
    if tickets.backtest is not None:
        st.header(tickets.backtest.title, anchor=False)
        chart_with_table(
            charts.backtest(tickets.backtest.frame, money=False, axis_title="Tickets logged a month"),
            tickets.backtest,
            key="forecast_tickets_backtest",
            caption=tickets.backtest_caption,
        )

spend = figures.spend
st.header(spend.title, anchor=False)
headlines(spend.headlines)
st.markdown(spend.sentence)
if spend.forecast is not None:
    chart_with_table(
        charts.forecast(spend.forecast.frame, money=True, axis_title="Spend a month (£)"),
        spend.forecast,
        key="forecast_spend",
    )
if spend.backtest is not None:
    st.caption(spend.backtest_caption)
    data_table(spend.backtest, key="forecast_outturn_backtest")
