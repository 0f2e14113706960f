"""Outsourcing before and after (the seed's case study): choose a service; the page finds the day its provider
changed in its contract register (and, for IT support, the resolver teams that took over), and compares equal
windows before and after against the services that stayed as they were (difference in differences), with an
interval, saying "not enough evidence" when the interval spans zero. The service, date and months are in the URL."""

from datetime import date

import streamlit as st

from bsdash.analysis.figures.outsourcing import METHOD, effect, found_change
from bsdash.charts import analysis as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.filters import current, follow_in_url, options, page_choice, page_value
from bsdash.ui.router import through_router

through_router()

filters = current()
page_header(
    "Outsourcing before and after",
    "Did the change of provider make the service better, faster or cheaper, against services that did not change?",
    filters,
)
choice = options()
services = [s for s in choice.services if filters.services is None or s in filters.services]
if not services:
    nothing_to_show("No service type is left by the filters.")
    st.stop()
first = "it_support" if "it_support" in services else services[0]
page_choice("ba_service", services, first, what="service")
left, middle, right = st.columns(3)
service = left.selectbox("Service", services, format_func=choice.services.get, key="ba_service")
follow_in_url("ba_service", service, first)
switched = st.session_state.get("ba_last_service") not in (None, service)
st.session_state["ba_last_service"] = service
found, story = cached(found_change)(runner, filters, service)
if found is None:
    nothing_to_show(
        f"No change of provider found for {choice.services[service]}: its contract register shows no contract of "
        "another supplier taking over from its main contract, so there is no before and after to compare."
    )
    st.stop()
for line in story:
    st.caption(line)


def in_the_data(text: str) -> date:
    day = date.fromisoformat(text)
    if not choice.first_day <= day <= choice.last_day:
        raise ValueError("outside the data")
    return day


if switched:  # another service: start at its own change
    st.session_state["ba_change"] = found
page_value("ba_change", in_the_data, found, what="change date")
change = middle.date_input(
    "Change date", min_value=choice.first_day, max_value=choice.last_day, format="DD/MM/YYYY", key="ba_change"
)
follow_in_url("ba_change", change.isoformat(), found.isoformat())
page_value("ba_months", lambda text: min(max(int(text), 3), 24), 12, what="number of months")
months = right.slider("Months on each side", 3, 24, key="ba_months")
follow_in_url("ba_months", str(months), "12")

result = cached(effect)(filters, runner, service, choice.services[service], change, months)
if isinstance(result, str):
    nothing_to_show(result)
    st.stop()
st.caption(result.windows)
st.markdown(METHOD)
st.caption(result.scope)
st.markdown("\n".join(f"- {verdict}" for verdict in result.verdicts))
st.caption(
    "Cost is compared before and after only: in-house teams are paid through payroll, which is not in the spend "
    "data, so cost has no comparison group, and the change includes inflation."
)

left, right = st.columns(2)
with left:
    st.header(result.level_name, anchor=False)
    chart_with_table(
        charts.before_and_after(result.monthly.frame, result.level_value, change, percent=True),
        result.monthly,
        key="ba_level",
    )
with right:
    if result.resolves:
        st.header("Median time to resolve (hours)", anchor=False)
        chart_with_table(
            charts.before_and_after(result.monthly.frame, "median_hours_to_resolve", change, axis_title="Hours"),
            result.monthly,
            key="ba_resolve",
        )
    else:
        nothing_to_show("No time to resolve is reported for this service.")
st.header(f"Cost per {result.unit}", anchor=False)
chart_with_table(
    charts.before_and_after(result.cost.frame, "cost_per_unit", change, name=f"Cost per {result.unit}"),
    result.cost,
    key="ba_cost",
)
