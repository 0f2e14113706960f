"""Assets and licences: licences bought but unused (shelfware), seats used beyond those bought (true-up
exposure), renewals coming up, and hardware past its refresh date or losing its warranty, by department."""

from dataclasses import dataclass
from datetime import date

from bsdash import formatting as fmt
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.periods import Filters

RENEWAL_MONTHS = 12
LICENCES = {
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
}
RENEWALS = {
    "month": "Month",
    "agreements": "Agreements",
    "annual_cost": "Annual cost (£)",
    "shelfware_value": "Shelfware to cut (£)",
    "true_up_exposure": "True-up exposure (£)",
}
LIFECYCLE = {
    "department": "Department",
    "asset_type": "Asset type",
    "in_service": "In service",
    "past_refresh": "Past refresh",
    "past_refresh_value": "Past refresh, bought for (£)",
    "warranty_ending": "Warranty ending in 90 days",
    "warranty_ending_value": "Warranty ending, bought for (£)",
}
SUMMED = ["in_service", "past_refresh", "past_refresh_value", "warranty_ending", "warranty_ending_value"]
STACKED = {"past_refresh": "Past refresh", "warranty_ending": "Warranty ending in 90 days"}


@dataclass(frozen=True)
class Licences:
    headlines: list[Headline]
    register: Table
    renewals: Table


@dataclass(frozen=True)
class Hardware:
    headlines: list[Headline]
    lifecycle: Table
    by_department: Table
    by_type: Table
    action: Table
    action_caption: str


@dataclass(frozen=True)
class Assets:
    caption: str
    licences: Licences | None  # None: IT support is filtered out
    hardware: Hardware | None  # None: no hardware in service for the filters


def assets(filters: Filters, run: Runner) -> Assets:
    fetch = Fetch(run)
    as_at = filters.dates.latest
    caption = (
        f"Registers as at the data's last day, {fmt.uk_date(as_at)}: the period filter does not apply here. "
        "Departments apply to both registers (force-wide licences always show); service and provider types apply to "
        "the hardware, and licences count as IT support."
    )
    return Assets(
        caption,
        _licences(filters, fetch, as_at) if filters.includes_it_support() else None,
        _hardware(filters, fetch, as_at),
    )


def _licences(filters: Filters, fetch: Fetch, as_at: date) -> Licences | None:
    departments = filters.params()["departments"]
    licences = fetch("licence_register", departments=departments)
    if licences.empty:
        return Licences([], table("Licences", licences, "licence-register"), table("Renewals", licences, "renewals"))
    renewals = fetch("licence_renewals_by_month", as_at=as_at, within_months=RENEWAL_MONTHS, departments=departments)
    in_use = licences["seats_active"].clip(upper=licences["seats_purchased"]).sum() / licences["seats_purchased"].sum()
    return Licences(
        headlines=[
            Headline("Seats in use", fmt.percent(in_use), help="Seats in use (up to those bought) / seats bought."),
            Headline(
                "Shelfware",
                fmt.money_short(licences["shelfware_value"].sum()) + " a year",
                help="Seats bought but not in use x cost per seat: what could be cut at renewal.",
            ),
            Headline(
                "True-up exposure",
                fmt.money_short(licences["true_up_exposure"].sum()),
                help="Seats in use beyond those bought x cost per seat: what the next true-up may bill.",
            ),
            Headline(
                f"Renewing in {RENEWAL_MONTHS} months",
                fmt.money_short(renewals["annual_cost"].sum()),
                help=f"Annual cost of the {int(renewals['agreements'].sum())} agreements renewing by "
                f"{fmt.uk_date(as_at.replace(year=as_at.year + 1))}.",
            ),
        ],
        register=table("Licences: shelfware by agreement", licences, "licence-register", columns=LICENCES),
        renewals=table("Renewals coming up", renewals, "licence-renewals-by-month", columns=RENEWALS),
    )


def _hardware(filters: Filters, fetch: Fetch, as_at: date) -> Hardware | None:
    params = filters.params()
    chosen = {"departments": params["departments"], "services": params["services"]}
    lifecycle = fetch("asset_lifecycle_by_department", as_at=as_at, **chosen)
    if lifecycle.empty:
        return None
    by_department = lifecycle.groupby("department", as_index=False)[SUMMED].sum()
    by_type = lifecycle.groupby("asset_type", as_index=False)[SUMMED].sum()
    action = fetch("assets_needing_action", as_at=as_at, **chosen)
    summed = "summed over the asset types"
    return Hardware(
        headlines=[
            Headline("In service", fmt.count(lifecycle["in_service"].sum()), help="In use or in stock."),
            Headline(
                "Past their refresh date",
                fmt.count(lifecycle["past_refresh"].sum()),
                help=f"Bought for {fmt.money(lifecycle['past_refresh_value'].sum())}; due for replacement before "
                f"{fmt.uk_date(as_at)} and still in service.",
            ),
            Headline(
                "Warranties ending within 90 days",
                fmt.count(lifecycle["warranty_ending"].sum()),
                help=f"Bought for {fmt.money(lifecycle['warranty_ending_value'].sum())}.",
            ),
        ],
        lifecycle=table(
            "Hardware by department and type", lifecycle, "asset-lifecycle-by-department", columns=LIFECYCLE
        ),
        by_department=table(
            "Hardware by department",
            by_department,
            "asset-lifecycle-by-department-total",
            columns={k: v for k, v in LIFECYCLE.items() if k != "asset_type"},
            made_from=(lifecycle,),
            derived=summed,
        ),
        by_type=table(
            "Hardware by asset type",
            by_type,
            "asset-lifecycle-by-type",
            columns={k: v for k, v in LIFECYCLE.items() if k != "department"},
            made_from=(lifecycle,),
            derived="summed over the departments",
        ),
        action=table("Kit to act on", action, "assets-needing-action", kinds={"purchase_cost": "pence"}),
        action_caption=f"{len(action):,} items past their refresh date or with a warranty ending within 90 days, "
        "oldest first.",
    )
