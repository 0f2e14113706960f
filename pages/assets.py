"""Assets and licences for planners: licences bought but not used (shelfware), seats used beyond what was bought
(true-up exposure), renewals coming up, and hardware past its refresh date or losing its warranty, by department."""

import streamlit as st

from bsdash.analysis.figures.assets import RENEWAL_MONTHS, STACKED, assets
from bsdash.charts import analysis as charts
from bsdash.ui.cache import cached
from bsdash.ui.components import chart_with_table, data_table, headlines, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import runner
from bsdash.ui.filters import current
from bsdash.ui.router import through_router
from bsdash.ui.scope import scope_note

through_router()

filters = current()
page_header(
    "Assets and licences",
    "Which licences are paid for and unused, what renews soon, and which kit is due for replacement?",
    filters,
)
figures = cached(assets)(filters, runner)
st.caption(figures.caption)

st.header("Software licences", anchor=False)
licences = figures.licences
if licences is None:
    nothing_to_show("Licences are part of IT support, which the service and provider types chosen leave out.")
elif licences.register.empty:
    nothing_to_show("No licences are held for these departments.")
else:
    headlines(licences.headlines, per_row=4)
    # Full width: the agreements' names are long, and each bar carries its seats in use beside it.
    st.subheader(licences.register.title, anchor=False)
    chart_with_table(
        charts.licence_use(licences.register.frame),
        licences.register,
        key="assets_licences",
        caption="The 20 licences with the most shelfware; the table lists them all.",
    )
    left, _ = st.columns(2)
    with left:
        st.subheader(licences.renewals.title, anchor=False)
        if licences.renewals.empty:
            nothing_to_show(f"No licence renews in the next {RENEWAL_MONTHS} months.")
        else:
            chart_with_table(
                charts.money_by_month(licences.renewals.frame, "annual_cost", "renewing", axis_title="Annual cost (£)"),
                licences.renewals,
                key="assets_renewals",
                caption="Annual cost of the agreements renewing each month; the table adds the shelfware that "
                "could be cut before signing.",
            )

st.header("Hardware", anchor=False)
hardware = figures.hardware
if hardware is None:
    nothing_to_show("No hardware in service for these departments and service types.")
else:
    headlines(hardware.headlines)
    left, right = st.columns(2)
    with left:
        st.subheader("By department", anchor=False)
        chart_with_table(
            charts.stacked_counts(hardware.by_department.frame, "department", STACKED),
            hardware.lifecycle,
            key="assets_departments",
        )
    with right:
        st.subheader("By asset type", anchor=False)
        chart_with_table(
            charts.stacked_counts(hardware.by_type.frame, "asset_type", STACKED), hardware.by_type, key="assets_types"
        )
    st.subheader("Kit to act on", anchor=False)
    st.caption(hardware.action_caption)
    scope_note()
    data_table(hardware.action, key="assets_action", height=380)
