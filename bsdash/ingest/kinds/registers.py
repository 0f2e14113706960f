"""Registers kept by the force: contracts, tender bids, contract KPI ratings, hardware assets, software licences."""

from bsdash.ingest.kinds.model import Column, Kind, RowCheck
from bsdash.ingest.kinds.vocabulary import RATINGS


def _contract_reference(*others: str) -> Column:
    """The contract register's reference, as the register and the files that point at it name it."""
    return Column(
        "contract_id",
        "Contract Reference",
        required=True,
        shape="identifier",
        synonyms=("Contract ID", "Contract Number", *others),
    )


IN_REGISTER = RowCheck(
    "contract_id not in (select contract_id from contracts)",
    "Contract Reference is not a contract in the register (import the contract register first)",
)

CONTRACTS = Kind(
    name="contracts",
    table="contracts",
    description="The contract register",
    key=("contract_id",),
    must_resolve=("service",),
    columns=(
        _contract_reference("Reference"),
        Column("title", "Title", required=True, synonyms=("Contract Title", "Description")),
        Column("supplier", "Supplier Name", required=True, reference="supplier", shape="name", synonyms=("Supplier",)),
        Column(
            "service",
            "Service Type",
            required=True,
            reference="service",
            shape="label",
            synonyms=("Service", "Category"),
        ),
        Column("start_date", "Start Date", "date", required=True, synonyms=("Start",)),
        Column("end_date", "End Date", "date", required=True, synonyms=("End", "Expiry Date")),
        Column("annual_value", "Annual Value", "money", required=True, minimum=0, synonyms=("Annual Value (£)",)),
        Column(
            "total_value",
            "Total Value",
            "money",
            minimum=0,
            synonyms=("Total Contract Value", "Contract Value"),
        ),
        Column(
            "procurement_route",
            "Procurement Route",
            "choice",
            required=True,
            synonyms=("Route", "Procedure"),
            choices={
                "open tender": "Open tender",
                "open": "Open tender",
                "open procedure": "Open tender",
                "restricted tender": "Restricted tender",
                "restricted": "Restricted tender",
                "restricted procedure": "Restricted tender",
                "competitive flexible procedure": "Competitive flexible procedure",
                "competitive flexible": "Competitive flexible procedure",
                "framework call-off": "Framework call-off",
                "framework": "Framework call-off",
                "call-off": "Framework call-off",
                "direct award": "Direct award",
                "direct": "Direct award",
                "collaborative agreement": "Collaborative agreement",
                "collaborative": "Collaborative agreement",
                "collaboration": "Collaborative agreement",
                "quotation": "Quotation",
                "quotes": "Quotation",
                "request for quotation": "Quotation",
            },
        ),
        Column("price_score", "Price Score", "number", minimum=0, maximum=100),
        Column("quality_score", "Quality Score", "number", minimum=0, maximum=100),
        Column("capability_score", "Capability Score", "number", minimum=0, maximum=100),
        Column(
            "reprocurement_lead_months",
            "Re-procurement Lead (months)",
            "integer",
            required=True,
            minimum=1,
            maximum=36,
            synonyms=("Lead Time (months)", "Reprocurement Lead Months"),
        ),
    ),
    checks=(RowCheck("end_date < start_date", "End Date is before Start Date"),),
)

TENDER_BIDS = Kind(
    name="tender_bids",
    table="tender_bids",
    description="Every bid of the competed tenders: price, quality and capability scores, winner and weights",
    key=("contract_id", "bidder"),
    columns=(
        _contract_reference("Tender Reference"),
        Column(
            "bidder",
            "Bidder",
            required=True,
            shape="name",
            synonyms=("Bidder Name", "Tenderer", "Supplier Name", "Supplier"),
        ),
        Column(
            "bid_price",
            "Bid Price",
            "money",
            required=True,
            minimum=0,
            synonyms=("Evaluated Price", "Tendered Price", "Price", "Total Price"),
        ),
        Column(
            "quality_score", "Quality Score", "number", required=True, minimum=0, maximum=100, synonyms=("Quality",)
        ),
        Column(
            "capability_score",
            "Capability Score",
            "number",
            required=True,
            minimum=0,
            maximum=100,
            synonyms=("Capability",),
        ),
        Column("is_winner", "Winner", "boolean", required=True, synonyms=("Awarded", "Successful", "Preferred Bidder")),
        Column(
            "price_weight",
            "Price Weight (%)",
            "number",
            required=True,
            minimum=0,
            maximum=100,
            synonyms=("Price Weight",),
        ),
        Column(
            "quality_weight",
            "Quality Weight (%)",
            "number",
            required=True,
            minimum=0,
            maximum=100,
            synonyms=("Quality Weight",),
        ),
        Column(
            "capability_weight",
            "Capability Weight (%)",
            "number",
            required=True,
            minimum=0,
            maximum=100,
            synonyms=("Capability Weight",),
        ),
    ),
    checks=(
        IN_REGISTER,
        RowCheck("bid_price <= 0", "Bid Price must be more than zero"),
        RowCheck(
            "abs(price_weight + quality_weight + capability_weight - 100) > 0.05",
            "Price, Quality and Capability Weight must add up to 100",
        ),
    ),
)

CONTRACT_KPIS = Kind(
    name="contract_kpis",
    table="contract_kpis",
    description="Contract KPI ratings (Procurement Act 2023): Good, Approaching target, Requires improvement or "
    "Inadequate",
    key=("contract_id", "kpi", "period_end"),
    columns=(
        _contract_reference(),
        Column(
            "kpi",
            "KPI",
            required=True,
            shape="label",
            synonyms=("Key Performance Indicator", "Indicator", "Measure"),
        ),
        Column(
            "period_end",
            "Period End",
            "date",
            required=True,
            synonyms=("Period Ending", "Assessed On", "Rating Date"),
        ),
        Column(
            "rating",
            "Rating",
            "choice",
            required=True,
            choices=RATINGS,
            synonyms=("Performance Rating", "Assessment"),
        ),
        Column("target", "Target"),
        Column("result", "Result", synonyms=("Actual", "Performance")),
    ),
    checks=(IN_REGISTER,),
)

ASSETS = Kind(
    name="assets",
    table="assets",
    description="The hardware asset register",
    key=("asset_id",),
    columns=(
        Column("asset_id", "Asset Tag", required=True, shape="identifier", synonyms=("Asset ID", "Asset Number")),
        Column("asset_type", "Asset Type", required=True, shape="label", synonyms=("Type", "Class")),
        Column("model", "Model"),
        Column("service", "Service Type", reference="service", shape="label", synonyms=("Service",)),
        Column("department", "Department", reference="department", shape="label"),
        Column("purchased_on", "Purchased", "date", required=True, synonyms=("Purchase Date",)),
        Column("purchase_cost", "Cost", "money", minimum=0, synonyms=("Purchase Cost",)),
        Column("refresh_due", "Refresh Due", "date", synonyms=("Replacement Due",)),
        Column("warranty_end", "Warranty End", "date", synonyms=("Warranty Expiry",)),
        Column(
            "status",
            "Status",
            "choice",
            required=True,
            choices={
                "in use": "in use",
                "deployed": "in use",
                "active": "in use",
                "in stock": "in stock",
                "stock": "in stock",
                "spare": "in stock",
                "in repair": "in repair",
                "repair": "in repair",
                "disposed": "disposed",
                "retired": "disposed",
            },
        ),
    ),
    checks=(RowCheck("refresh_due < purchased_on", "Refresh Due is before Purchased"),),
)

LICENCES = Kind(
    name="licences",
    table="licences",
    description="Software licences: seats bought and in use",
    key=("licence_id",),
    columns=(
        Column(
            "licence_id",
            "Agreement",
            required=True,
            shape="identifier",
            synonyms=("Licence ID", "Agreement Number"),
        ),
        Column("product", "Product", required=True, synonyms=("Software",)),
        Column("supplier", "Supplier Name", reference="supplier", shape="name", synonyms=("Supplier", "Reseller")),
        Column("department", "Department", reference="department", shape="label"),
        Column(
            "licence_model",
            "Licence Model",
            "choice",
            required=True,
            choices={
                "per user": "per user",
                "user": "per user",
                "named user": "per user",
                "per device": "per device",
                "device": "per device",
                "concurrent": "concurrent",
                "enterprise": "enterprise",
                "site": "enterprise",
            },
        ),
        Column(
            "seats_purchased",
            "Seats Purchased",
            "integer",
            required=True,
            minimum=0,
            synonyms=("Purchased", "Entitlement"),
        ),
        Column("seats_active", "Seats Active", "integer", required=True, minimum=0, synonyms=("Active", "In Use")),
        Column("cost_per_seat", "Cost per Seat", "money", required=True, minimum=0, synonyms=("Unit Cost",)),
        Column("renewal_date", "Renewal Date", "date", required=True, synonyms=("Renewal",)),
    ),
)
