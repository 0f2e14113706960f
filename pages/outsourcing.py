"""Outsourcing before and after (the seed's case study): choose a service and the day its provider changed, and
compare equal windows before and after against the services that stayed as they were (difference in differences),
with an interval, saying "not enough evidence" when the interval spans zero."""

from datetime import date, timedelta

import streamlit as st

from bsdash import formatting as fmt
from bsdash.analysis import before_after
from bsdash.charts import analysis as charts
from bsdash.ui.components import chart_with_table, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current, options
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
teams = query("resolver_teams")
found = before_after.suggested_change(teams, choice.first_day)
left, middle, right = st.columns(3)
service = left.selectbox(
    "Service",
    services,
    format_func=choice.services.get,
    key="ba_service",
    index=services.index("it_support") if "it_support" in services else 0,
)
change = middle.date_input(
    "Change date",
    value=found or date(2023, 10, 1),
    min_value=choice.first_day,
    max_value=choice.as_at,
    format="DD/MM/YYYY",
    key="ba_change",
)
wanted = right.slider("Months on each side", 3, 24, 12, key="ba_months")
windows = before_after.equal_windows(change, wanted, choice.first_day, choice.as_at)
if found:
    started = before_after.teams_started_on(teams, found)
    st.caption(
        f"Found in the tickets: {', '.join(started['team'])} ({', '.join(started['provider_type'].unique())}) "
        f"took their first tickets on {fmt.uk_date(found)}."
    )
if windows is None:
    nothing_to_show("The data does not cover a whole month on both sides of this date: choose another.")
    st.stop()
st.caption(
    f"Equal windows of {windows.months} months: {fmt.uk_date(windows.before_from)} to "
    f"{fmt.uk_date(change - timedelta(days=1))} (before) and {fmt.uk_date(change)} to "
    f"{fmt.uk_date(windows.after_to)} (after). The period filter does not apply: the windows are set here. "
    "Departments narrow the tickets and payments; service levels of the non-IT services are force-wide. "
    + ("" if windows.months == wanted else f"The data covers only {windows.months} months on one side.")
)
st.markdown(
    "**How the effect is computed.** Difference in differences: each month's gap between the changed service and "
    "the comparison, averaged after the change minus averaged before, so that what moved both (seasons, demand, "
    "a software fault) cancels out. The 95 % interval is a block bootstrap over months: each window's months are "
    "drawn again, in runs of three, 2,000 times. When the interval spans zero there is **not enough evidence** of a "
    "change."
)

departments = filters.params()["departments"]
points = lambda v: f"{100 * v:+.1f} points"  # noqa: E731
hours = lambda v: f"{v:+.1f} hours"  # noqa: E731
pounds = lambda v: f"{'-' if v < 0 else '+'}£{abs(v):,.2f}"  # noqa: E731

if service == "it_support":
    monthly = query(
        "ticket_outcomes_by_window_month", change_date=change, window_months=windows.months, departments=departments
    )
    value, level_name = "sla_compliance", "SLA compliance"
    st.caption(
        f"Changed: tickets handled by teams not in-house (before: {before_after.teams_in(monthly, 'changed', True)}; "
        f"after: {before_after.teams_in(monthly, 'changed', False)}). Comparison: tickets handled in-house "
        f"({before_after.teams_in(monthly, 'comparison', False)})."
    )
else:
    monthly = query("service_level_by_window_month", change_date=change, window_months=windows.months, service=service)
    value, level_name = "service_level", "Service level"
    if not monthly.empty:
        changed = monthly[monthly["arm"] == "changed"]["measures"].dropna()
        st.caption(
            f"Changed: {choice.services[service]}'s monthly level ({changed.iloc[0] if len(changed) else 'none'}). "
            "Comparison: the mean level of the other services delivered in-house. No time to resolve is reported "
            "for this service. The comparison is only one or two services, so a chance swing in them moves the "
            "estimate too: look at the chart before trusting an effect."
        )
if monthly.empty:
    nothing_to_show("No tickets or service levels in these windows.")
    st.stop()

level = before_after.difference_in_differences(monthly, value)
st.markdown("- " + before_after.verdict(level, higher_is_better=True, what=level_name, shown=points))
if service == "it_support":
    resolve = before_after.difference_in_differences(monthly, "median_hours_to_resolve")
    st.markdown(
        "- " + before_after.verdict(resolve, higher_is_better=False, what="Median time to resolve", shown=hours)
    )
cost = query(
    "cost_per_unit_by_window_month",
    change_date=change,
    window_months=windows.months,
    service=service,
    departments=departments,
)
unit = "ticket" if service == "it_support" else "job"
cost_change = before_after.before_and_after(cost, "cost_per_unit")
st.markdown("- " + before_after.verdict(cost_change, higher_is_better=False, what=f"Cost per {unit}", shown=pounds))
st.caption(
    "Cost is compared before and after only: in-house teams are paid through payroll, which is not in the spend "
    "data, so cost has no comparison group, and the change includes inflation."
)

columns = {
    "window_month": "Month from the change",
    "month_from": "Month starting",
    "arm": "Arm",
    "tickets_logged": "Tickets logged",
    "tickets_resolved": "Tickets resolved",
    "sla_compliance": "SLA compliance (%)",
    "median_hours_to_resolve": "Median hours to resolve",
    "service_level": "Service level (%)",
    "volume": "Volume",
    "teams": "Teams",
    "measures": "Measure",
}
left, right = st.columns(2)
with left:
    st.subheader(level_name, anchor=False)
    chart_with_table(
        charts.before_and_after(monthly, value, change, percent=True),
        monthly,
        key="ba_level",
        file_name=f"before-after-{value.replace('_', '-')}",
        columns={k: v for k, v in columns.items() if k in monthly.columns},
        kinds={"window_month": "count", "service_level": "percent"},
    )
with right:
    if service == "it_support":
        st.subheader("Median time to resolve (hours)", anchor=False)
        chart_with_table(
            charts.before_and_after(monthly, "median_hours_to_resolve", change),
            monthly,
            key="ba_resolve",
            file_name="before-after-time-to-resolve",
            columns={k: v for k, v in columns.items() if k in monthly.columns},
            kinds={"window_month": "count", "service_level": "percent"},
        )
    else:
        nothing_to_show("No time to resolve is reported for this service.")
st.subheader(f"Cost per {unit}", anchor=False)
chart_with_table(
    charts.before_and_after(cost, "cost_per_unit", change, name=f"Cost per {unit}"),
    cost,
    key="ba_cost",
    file_name="before-after-cost-per-unit",
    columns={
        "window_month": "Month from the change",
        "month_from": "Month starting",
        "amount": "Spend (£)",
        "units": "Tickets" if service == "it_support" else "Jobs",
        "cost_per_unit": f"Cost per {unit} (£)",
    },
    kinds={"window_month": "count", "cost_per_unit": "pence"},
)
