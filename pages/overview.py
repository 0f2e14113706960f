"""Overview for senior leaders: the year's headline figures and where the money goes."""

import streamlit as st

from bsdash import charts, fiscal
from bsdash import formatting as fmt
from bsdash.ui.database import query

as_at = query("data_as_at").iloc[0]
year = fiscal.financial_year(as_at["last_day"].date())
first_day, last_day = fiscal.year_bounds(year)
period = {"date_from": first_day, "date_to": last_day}

st.title("Business services overview")
st.caption(
    f"Kent Police business services, financial year {year} to date. Data as at {fmt.uk_date(as_at['last_day'])}."
)

headline = query("headline_figures", **period, as_at=as_at["last_day"].date()).iloc[0]
spend, budget, figures = st.columns(3), None, None
spend[0].metric(
    "Spend to date",
    fmt.money_short(headline["spend"]),
    help=f"{fmt.count(headline['payments'])} payments over £500 since {fmt.uk_date(first_day)}.",
)
spend[1].metric("Budget for the year", fmt.money_short(headline["budget"]))
spend[2].metric(
    "SLA compliance",
    fmt.percent(headline["sla_compliance"]),
    help="IT tickets resolved within their priority's target / tickets resolved.",
)
more = st.columns(3)
more[0].metric("Open IT tickets", fmt.count(headline["open_at_end"]))
more[1].metric("Tickets logged", fmt.count(headline["tickets_logged"]))
more[2].metric(
    "Contracts ending within 6 months",
    fmt.count(headline["contracts_expiring"]),
    help=f"Worth {fmt.money(headline['expiring_annual_value'])} a year.",
)

st.subheader("Spend by service type")
by_service = query("spend_by_service", **period)
if by_service.empty:
    st.info("No payments in this period.")
else:
    st.plotly_chart(charts.spend_by_service(by_service))
