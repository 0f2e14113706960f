"""Assets and licences for planners: licences bought but not used (shelfware), seats used beyond what was bought
(true-up exposure), renewals coming up, and hardware past its refresh date or losing its warranty, by department."""

import streamlit as st

from bsdash import formatting as fmt
from bsdash.charts import analysis as charts
from bsdash.ui.components import chart_with_table, data_table, headline, nothing_to_show
from bsdash.ui.context import page_header
from bsdash.ui.database import query
from bsdash.ui.filters import current
from bsdash.ui.router import through_router
from bsdash.ui.scope import scope_note

through_router()

RENEWAL_MONTHS = 12
filters = current()
page_header(
    "Assets and licences",
    "Which licences are paid for and unused, what renews soon, and which kit is due for replacement?",
    filters,
)
params, as_at = filters.params(), filters.as_at
st.caption(
    f"Registers as at the data's last day, {fmt.uk_date(as_at)}: the period filter does not apply here. "
    "Departments apply to both registers (force-wide licences always show); service and provider types apply to "
    "the hardware, and licences count as IT support."
)

st.header("Software licences", anchor=False)
if not filters.includes_it_support():
    nothing_to_show("Licences are part of IT support, which the service and provider types chosen leave out.")
else:
    licences = query("licence_register", departments=params["departments"])
    renewals = query(
        "licence_renewals_by_month", as_at=as_at, within_months=RENEWAL_MONTHS, departments=params["departments"]
    )
    if licences.empty:
        nothing_to_show("No licences are held for these departments.")
    else:
        tiles = st.columns(4)
        with tiles[0]:
            use = (
                licences["seats_active"].clip(upper=licences["seats_purchased"]).sum()
                / licences["seats_purchased"].sum()
            )
            headline("Seats in use", fmt.percent(use), help="Seats in use (up to those bought) / seats bought.")
        with tiles[1]:
            headline(
                "Shelfware",
                fmt.money_short(licences["shelfware_value"].sum()) + " a year",
                help="Seats bought but not in use x cost per seat: what could be cut at renewal.",
            )
        with tiles[2]:
            headline(
                "True-up exposure",
                fmt.money_short(licences["true_up_exposure"].sum()),
                help="Seats in use beyond those bought x cost per seat: what the next true-up may bill.",
            )
        with tiles[3]:
            headline(
                f"Renewing in {RENEWAL_MONTHS} months",
                fmt.money_short(renewals["annual_cost"].sum()),
                help=f"Annual cost of the {int(renewals['agreements'].sum())} agreements renewing by "
                f"{fmt.uk_date(as_at.replace(year=as_at.year + 1))}.",
            )
        left, right = st.columns(2)
        with left:
            st.subheader("Licence use: seats bought and in use", anchor=False)
            chart_with_table(
                charts.licence_use(licences),
                licences,
                key="assets_licences",
                file_name="licence-register",
                columns={
                    "licence_id": "Agreement",
                    "product": "Product",
                    "supplier": "Supplier",
                    "department": "Department",
                    "licence_model": "Licence model",
                    "seats_purchased": "Seats bought",
                    "seats_active": "Seats in use",
                    "cost_per_seat": "Cost per seat (£)",
                    "annual_cost": "Annual cost (£)",
                    "shelfware_value": "Shelfware (£)",
                    "true_up_exposure": "True-up exposure (£)",
                    "renewal_date": "Renewal date",
                },
                caption="The 20 licences with the most shelfware; the table lists them all.",
            )
        with right:
            st.subheader("Renewals coming up", anchor=False)
            if renewals.empty:
                nothing_to_show(f"No licence renews in the next {RENEWAL_MONTHS} months.")
            else:
                chart_with_table(
                    charts.money_by_month(renewals, "annual_cost", "renewing"),
                    renewals,
                    key="assets_renewals",
                    file_name="licence-renewals-by-month",
                    columns={
                        "month": "Month",
                        "agreements": "Agreements",
                        "annual_cost": "Annual cost (£)",
                        "shelfware_value": "Shelfware to cut (£)",
                        "true_up_exposure": "True-up exposure (£)",
                    },
                    caption="Annual cost of the agreements renewing each month; the table adds the shelfware that "
                    "could be cut before signing.",
                )

st.header("Hardware", anchor=False)
lifecycle = query(
    "asset_lifecycle_by_department", as_at=as_at, departments=params["departments"], services=params["services"]
)
if lifecycle.empty:
    nothing_to_show("No hardware in service for these departments and service types.")
else:
    by_department = lifecycle.groupby("department", as_index=False)[
        ["in_service", "past_refresh", "past_refresh_value", "warranty_ending", "warranty_ending_value"]
    ].sum()
    tiles = st.columns(3)
    with tiles[0]:
        headline("In service", fmt.count(lifecycle["in_service"].sum()), help="In use or in stock.")
    with tiles[1]:
        headline(
            "Past their refresh date",
            fmt.count(lifecycle["past_refresh"].sum()),
            help=f"Bought for {fmt.money(lifecycle['past_refresh_value'].sum())}; due for replacement before "
            f"{fmt.uk_date(as_at)} and still in service.",
        )
    with tiles[2]:
        headline(
            "Warranties ending within 90 days",
            fmt.count(lifecycle["warranty_ending"].sum()),
            help=f"Bought for {fmt.money(lifecycle['warranty_ending_value'].sum())}.",
        )
    left, right = st.columns(2)
    with left:
        st.subheader("By department", anchor=False)
        chart_with_table(
            charts.stacked_counts(
                by_department,
                "department",
                {"past_refresh": "Past refresh", "warranty_ending": "Warranty ending in 90 days"},
            ),
            lifecycle,
            key="assets_departments",
            file_name="asset-lifecycle-by-department",
            columns={
                "department": "Department",
                "asset_type": "Asset type",
                "in_service": "In service",
                "past_refresh": "Past refresh",
                "past_refresh_value": "Past refresh, bought for (£)",
                "warranty_ending": "Warranty ending in 90 days",
                "warranty_ending_value": "Warranty ending, bought for (£)",
            },
        )
    with right:
        st.subheader("By asset type", anchor=False)
        by_type = lifecycle.groupby("asset_type", as_index=False)[
            ["in_service", "past_refresh", "past_refresh_value", "warranty_ending", "warranty_ending_value"]
        ].sum()
        chart_with_table(
            charts.stacked_counts(
                by_type, "asset_type", {"past_refresh": "Past refresh", "warranty_ending": "Warranty ending in 90 days"}
            ),
            by_type,
            key="assets_types",
            file_name="asset-lifecycle-by-type",
            columns={
                "asset_type": "Asset type",
                "in_service": "In service",
                "past_refresh": "Past refresh",
                "past_refresh_value": "Past refresh, bought for (£)",
                "warranty_ending": "Warranty ending in 90 days",
                "warranty_ending_value": "Warranty ending, bought for (£)",
            },
        )
    st.subheader("Kit to act on", anchor=False)
    action = query("assets_needing_action", as_at=as_at, departments=params["departments"], services=params["services"])
    st.caption(f"{len(action):,} items past their refresh date or with a warranty ending within 90 days, oldest first.")
    scope_note()
    data_table(
        action, key="assets_action", file_name="assets-needing-action", kinds={"purchase_cost": "pence"}, height=380
    )
