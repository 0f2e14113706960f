"""Forecasts for finance partners and the service desk: ticket demand month by month and the financial year's
spend outturn, with an interval, the method in plain words, and how well the method did on the sample's past."""

import pandas as pd
import streamlit as st

from bsdash import formatting as fmt
from bsdash.analysis import forecasting
from bsdash.analysis.periods import Period
from bsdash.charts import analysis as charts
from bsdash.fiscal import financial_year, year_bounds
from bsdash.ui.components import chart_with_table, data_table, headline, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current, options
from bsdash.ui.router import through_router

through_router()

HORIZON = 12
filters = current()
page_header("Forecasts", "How many tickets should we expect, and where will this year's spend land?", filters)
choice, as_at = options(), filters.as_at
# Whole months only: a month the data ends inside would look like a fall.
last_month = (pd.Timestamp(as_at) + pd.Timedelta(days=1)).to_period("M").start_time - pd.DateOffset(months=1)
history = {"date_from": choice.first_day, "date_to": (last_month + pd.offsets.MonthEnd(0)).date()}
params = filters.params()
st.caption(
    f"Forecasts start from the last whole month of data, {last_month:%B %Y}: the period filter does not apply. "
    f"Departments and service types do. Method: {forecasting.METHOD} The shaded interval holds 80 % of the "
    "method's own past errors at each horizon (the same forecast made from every earlier month with two years "
    "behind it)."
)

st.subheader("IT ticket demand by month", anchor=False)
tickets = query("tickets_by_month", **history, departments=params["departments"], services=params["services"])
if not filters.includes_it_support() or len(tickets) < forecasting.MINIMUM_HISTORY:
    nothing_to_show("Ticket forecasts need IT support in the filters and two years of tickets.")
else:
    table = forecasting.monthly_forecast(tickets["month"], tickets["tickets_logged"].to_numpy(), HORIZON)
    check = forecasting.backtest(tickets["month"], tickets["tickets_logged"].to_numpy())
    ahead = table.dropna(subset=["forecast"])
    tiles = st.columns(2)
    with tiles[0]:
        headline(
            f"Tickets in the next {HORIZON} months",
            fmt.count(ahead["forecast"].sum()),
            help=f"{ahead['month'].iloc[0]:%B %Y} to {ahead['month'].iloc[-1]:%B %Y}.",
        )
    with tiles[1]:
        headline(
            "Backtest error (MAPE)",
            fmt.percent(check.mape) if check else "–",
            help=f"Mean absolute percentage error over the last {check.held_out if check else 0} months, forecast "
            "from the months before them as if they had not happened yet.",
        )
    chart_with_table(
        charts.forecast(table[table["month"] >= table["month"].max() - pd.DateOffset(months=47)], money=False),
        table,
        key="forecast_tickets",
        file_name="ticket-demand-forecast",
        columns={
            "month": "Month",
            "actual": "Tickets logged",
            "forecast": "Forecast",
            "low": "Low (80 %)",
            "high": "High (80 %)",
        },
        kinds={"actual": "count", "forecast": "count", "low": "count", "high": "count"},
        caption="The last four years and the next twelve months.",
    )
    if check:
        st.subheader(f"Backtest: the last {check.held_out} months held out", anchor=False)
        chart_with_table(
            charts.backtest(check.frame, money=False),
            check.frame,
            key="forecast_tickets_backtest",
            file_name="ticket-forecast-backtest",
            columns={"month": "Month", "actual": "Tickets logged", "forecast": "Forecast", "error": "Error (%)"},
            kinds={"actual": "count", "forecast": "count", "error": "percent"},
            caption=f"Forecast from the months before them: mean absolute percentage error {check.mape:.1%}.",
        )

year = financial_year(as_at)
first, last = year_bounds(year)
st.subheader(f"Spend outturn for {year}", anchor=False)
spend = query("spend_total_by_month", **history, departments=params["departments"], services=params["services"])
if len(spend) < forecasting.MINIMUM_HISTORY:
    nothing_to_show("Spend forecasts need two years of payments for these filters.")
else:
    values = spend["amount"].to_numpy(dtype=float)
    months = pd.to_datetime(spend["month"])
    to_date = float(spend.loc[months >= pd.Timestamp(first), "amount"].sum())
    left = (last.year - last_month.year) * 12 + last.month - last_month.month
    result = forecasting.outturn(values, to_date, left)
    budget = query(
        "headline_figures",
        date_from=first,
        date_to=last,
        as_at=as_at,
        departments=params["departments"],
        services=params["services"],
    ).iloc[0]["budget"]
    run_rate = Period.year(year)
    naive = (
        to_date / run_rate.months_elapsed(as_at) * run_rate.months_total() if run_rate.months_elapsed(as_at) else None
    )
    tiles = st.columns(3)
    with tiles[0]:
        headline(
            "Forecast outturn",
            fmt.money_short(result.outturn),
            help=f"Spend to date {fmt.money(to_date)} + the forecast of the {left} months left "
            f"({fmt.money(result.remaining)}). 80 % interval {fmt.money(result.low)} to {fmt.money(result.high)}.",
        )
    with tiles[1]:
        headline("Budget", fmt.money_short(budget), help=f"The {year} budget for these departments and service types.")
    with tiles[2]:
        headline(
            "Simple run rate would say",
            fmt.money_short(naive),
            help="Spend to date + the average month so far x the months left: it misses the March rush.",
        )
    st.markdown(
        f"The year should land between **{fmt.money(result.low)}** and **{fmt.money(result.high)}** (80 % interval), "
        f"most likely **{fmt.money(result.outturn)}**"
        + (f", {result.outturn / budget - 1:+.1%} on the budget of {fmt.money(budget)}." if budget else ".")
    )
    table = forecasting.monthly_forecast(spend["month"], values, max(left, 1))
    chart_with_table(
        charts.forecast(table[table["month"] >= table["month"].max() - pd.DateOffset(months=36)], money=True),
        table,
        key="forecast_spend",
        file_name="spend-forecast",
        columns={
            "month": "Month",
            "actual": "Spend (£)",
            "forecast": "Forecast (£)",
            "low": "Low (80 %) (£)",
            "high": "High (80 %) (£)",
        },
        kinds={"actual": "money", "forecast": "money", "low": "money", "high": "money"},
    )
    past = forecasting.outturn_backtest(spend["month"], values, left)
    if not past.empty:
        st.caption(
            f"Backtest: the same outturn forecast made with {left} months left in each earlier year missed the "
            f"actual outturn by {past['error'].abs().mean():.1%} on average."
        )
        data_table(
            past,
            key="forecast_outturn_backtest",
            file_name="outturn-backtest",
            columns={
                "financial_year": "Financial year",
                "forecast_outturn": "Forecast outturn (£)",
                "actual_outturn": "Actual outturn (£)",
                "error": "Error (%)",
            },
            kinds={"error": "percent"},
        )
