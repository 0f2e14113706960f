"""What each kind of export holds, declared as data: its columns, their types, keys and row checks.

The import pipeline reads these declarations; nothing about a particular kind is written anywhere else.
A column's `header` is what our own sample exports write; `synonyms` are other names real exports use.
"""

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "timestamp", "money", "number", "integer", "boolean", "choice"]
Reference = Literal["department", "service", "supplier"]

TYPE_DESCRIPTIONS = {
    "date": "a date (dd/mm/yyyy)",
    "timestamp": "a date and time (dd/mm/yyyy hh:mm)",
    "money": "an amount of money",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no",
    "choice": "one of the accepted values",
}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: each column is declared once
class Column:
    """One column of an export and where it goes in the contract."""

    name: str
    header: str
    type: ColumnType = "text"
    required: bool = True
    synonyms: tuple[str, ...] = ()
    # For choice columns: accepted spellings (compared in lower case) and the value stored for each.
    choices: dict[str, str] = field(default_factory=dict)
    # Resolved against a reference table: the text is kept in `source_<reference>` where the table has one,
    # and the id goes into `<reference>_id`.
    reference: Reference | None = None
    # Stored in the table (False for columns that are read only to be resolved or checked).
    stored: bool = True
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class RowCheck:
    """A rule over a row's typed values; rows where `failing` is true are quarantined with `reason`."""

    failing: str
    reason: str


@dataclass(frozen=True)
class Events:
    """How an export with one row per update of a record (an event log) becomes one row per record.

    The file is an event log when it has the `marker` column, or the `order` columns and a key seen twice.
    Each record keeps its latest update (by `order`, then by place in the file), except that counts which only
    grow take their highest value, and a column the export lacks may be read from the updates
    (`first_when`: the time of the first update where a condition holds, never before the record's start).
    """

    marker: str
    order: tuple[str, ...]
    highest: tuple[str, ...] = ()
    first_when: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # column: (time, condition, floor)


@dataclass(frozen=True)
class Kind:
    """A kind of export: the table it loads and how."""

    name: str
    table: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # A row whose key is already loaded with other values either replaces it (registers and snapshots,
    # which are re-exported whole) or is quarantined (payments, which never change once made).
    on_conflict: Literal["replace", "quarantine"] = "replace"
    checks: tuple[RowCheck, ...] = ()
    # Reference columns whose value must resolve, or the row is quarantined (others keep their text).
    must_resolve: tuple[Reference, ...] = ()
    # Columns computed from the typed row (SQL over contract column names), for example a supplier's key.
    derived: dict[str, str] = field(default_factory=dict)
    events: Events | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PROVIDER_TYPES = {
    "internal": "internal",
    "in-house": "internal",
    "in house": "internal",
    "collaborated": "collaborated",
    "collaboration": "collaborated",
    "collaborative": "collaborated",
    "shared": "collaborated",
    "shared service": "collaborated",
    "external": "external",
    "contractor": "external",
    "outsourced": "external",
}

DEPARTMENTS = Kind(
    name="departments",
    table="departments",
    description="Departments and their establishment (officer and staff FTE)",
    key=("department_id",),
    columns=(
        Column("department_id", "Department Code", synonyms=("Code", "Cost Centre Code", "Dept Code")),
        Column("name", "Department", synonyms=("Department Name", "Name", "Cost Centre")),
        Column("directorate", "Directorate", synonyms=("Command",)),
        Column(
            "area",
            "Area",
            "choice",
            choices={
                "north": "North",
                "west": "West",
                "east": "East",
                "force-wide": "Force-wide",
                "force wide": "Force-wide",
                "forcewide": "Force-wide",
                "hq": "Force-wide",
            },
        ),
        Column(
            "kind",
            "Type",
            "choice",
            synonyms=("Department Type",),
            choices={
                "neighbourhood": "neighbourhood",
                "neighbourhood policing": "neighbourhood",
                "operational": "operational",
                "support": "support",
                "business support": "support",
            },
        ),
        Column("officer_fte", "Officer FTE", "number", minimum=0, synonyms=("Police Officer FTE", "Officers")),
        Column("staff_fte", "Staff FTE", "number", minimum=0, synonyms=("Police Staff FTE", "Staff")),
    ),
    checks=(
        RowCheck(
            "not regexp_full_match(department_id, '[A-Z0-9-]+')",
            "Department Code must be capital letters, digits and dashes",
        ),
    ),
)

SERVICES = Kind(
    name="services",
    table="services",
    description="The service catalogue: service types with their POA function and provider type",
    key=("service_id",),
    columns=(
        Column("service_id", "Service Code", synonyms=("Code",)),
        Column("name", "Service Type", synonyms=("Service", "Service Name")),
        Column(
            "poa_function",
            "POA Function",
            "choice",
            synonyms=("POA", "Objective Analysis"),
            choices={
                v.lower(): v
                for v in (
                    "ICT",
                    "Estates",
                    "Fleet",
                    "Training",
                    "Other support",
                    "Administration support",
                    "Legal",
                    "Human Resources",
                    "Finance",
                    "Procurement",
                    "Professional Standards",
                    "Press & Media",
                    "Corporate Development",
                    "Force Command",
                )
            },
        ),
        Column("provider_type", "Provider Type", "choice", synonyms=("Provider",), choices=PROVIDER_TYPES),
        Column("cost_basis", "Cost Basis"),
        Column("typical_provider", "Typical Provider"),
        Column("description", "Description", synonyms=("Notes",)),
    ),
    checks=(
        RowCheck(
            "not regexp_full_match(service_id, '[a-z_]+')", "Service Code must be lower-case letters and underscores"
        ),
    ),
)

SUPPLIERS = Kind(
    name="suppliers",
    table="suppliers",
    description="The supplier master: references, provider type and SME status",
    key=("name_key",),
    columns=(
        Column(
            "supplier_reference",
            "Supplier ID",
            required=False,
            synonyms=("Supplier Reference", "Vendor ID", "Supplier Code"),
        ),
        Column("name", "Supplier Name", synonyms=("Supplier", "Vendor", "Vendor Name")),
        Column("provider_type", "Provider Type", "choice", required=False, choices=PROVIDER_TYPES),
        Column("is_sme", "SME", "boolean", required=False, synonyms=("Is SME", "SME Status")),
    ),
    derived={
        "name_key": "supplier_key(name)",
        "supplier_id": "supplier_id(supplier_key(name))",
        "is_redacted": "supplier_key(name) = 'REDACTED PERSONAL DATA'",
        "provider_type": "coalesce(provider_type, 'external')",
    },
)

CONTRACTS = Kind(
    name="contracts",
    table="contracts",
    description="The contract register",
    key=("contract_id",),
    must_resolve=("service",),
    columns=(
        Column("contract_id", "Contract Reference", synonyms=("Contract ID", "Contract Number", "Reference")),
        Column("title", "Title", synonyms=("Contract Title", "Description")),
        Column("supplier", "Supplier Name", reference="supplier", synonyms=("Supplier",)),
        Column("service", "Service Type", reference="service", synonyms=("Service", "Category")),
        Column("start_date", "Start Date", "date", synonyms=("Start",)),
        Column("end_date", "End Date", "date", synonyms=("End", "Expiry Date")),
        Column("annual_value", "Annual Value", "money", minimum=0, synonyms=("Annual Value (£)",)),
        Column(
            "total_value",
            "Total Value",
            "money",
            required=False,
            minimum=0,
            synonyms=("Total Contract Value", "Contract Value"),
        ),
        Column(
            "procurement_route",
            "Procurement Route",
            "choice",
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
        Column("price_score", "Price Score", "number", required=False, minimum=0, maximum=100),
        Column("quality_score", "Quality Score", "number", required=False, minimum=0, maximum=100),
        Column("capability_score", "Capability Score", "number", required=False, minimum=0, maximum=100),
        Column(
            "reprocurement_lead_months",
            "Re-procurement Lead (months)",
            "integer",
            minimum=1,
            maximum=36,
            synonyms=("Lead Time (months)", "Reprocurement Lead Months"),
        ),
    ),
    checks=(RowCheck("end_date < start_date", "End Date is before Start Date"),),
)

SPEND = Kind(
    name="spend",
    table="spend",
    description="Spend over £500: one row per payment",
    key=("transaction_number",),
    on_conflict="quarantine",
    columns=(
        Column(
            "paid_date",
            "Paid Date",
            "date",
            synonyms=("Date Paid", "Payment Date", "Date", "Invoice Date", "Transaction Date", "Posting Date"),
        ),
        Column(
            "transaction_number",
            "Transaction Number",
            synonyms=(
                "Transaction No",
                "Trans No",
                "Transaction ID",
                "Transaction Reference",
                "Payment Reference",
                "Document Number",
                "Invoice Number",
            ),
        ),
        Column(
            "department",
            "Department",
            reference="department",
            synonyms=(
                "Cost Centre",
                "Organisational Unit",
                "Service Area",
                "Expense Area",
                "Department Name",
                "Cost Centre Name",
                "Service Label",
                "Service Division",
                "Responsible Unit",
            ),
        ),
        Column(
            "service",
            "Service Type",
            reference="service",
            required=False,
            synonyms=("Service Category", "Business Service"),
        ),
        Column(
            "expense_type",
            "Expense Type",
            synonyms=(
                "Expenditure Category",
                "Expense Category",
                "Expenditure Unit",
                "Expenditure Type",
                "Expense Description",
                "Subjective",
                "Subjective Description",
                "Account Description",
                "Purpose of Expenditure",
                "Spend Category",
            ),
        ),
        Column(
            "capital_revenue",
            "Capital or Revenue",
            "choice",
            synonyms=("Capital/Revenue", "Caporrev", "Cap/Rev", "Revenue or Capital", "Revenue/Capital", "Type"),
            choices={
                "capital": "capital",
                "cap": "capital",
                "c": "capital",
                "revenue": "revenue",
                "rev": "revenue",
                "r": "revenue",
            },
        ),
        Column(
            "supplier",
            "Supplier Name",
            reference="supplier",
            synonyms=("Supplier", "Vendor Name", "Vendor", "Payee", "Payee Name", "Beneficiary", "Creditor Name"),
        ),
        Column(
            "supplier_reference",
            "Supplier ID",
            required=False,
            stored=False,
            synonyms=("Supplier Reference", "Supplier Code", "Vendor ID", "Vendor Number", "Creditor Number"),
        ),
        Column(
            "amount",
            "Amount",
            "money",
            synonyms=(
                "Amount (£)",
                "Net Amount",
                "Amount Paid",
                "Net Value",
                "Value",
                "Payment Amount",
                "Line Amount",
                "Total Amount",
                "Gross Amount",
            ),
        ),
    ),
)

BUDGETS = Kind(
    name="budgets",
    table="budgets",
    description="Budget per financial year, department and service",
    key=("financial_year", "department_id", "service_id"),
    must_resolve=("department", "service"),
    columns=(
        Column("financial_year", "Financial Year", synonyms=("Year", "FY")),
        Column("department", "Department", reference="department", synonyms=("Cost Centre",)),
        Column("service", "Service Type", reference="service", synonyms=("Service",)),
        Column("budget", "Budget", "money", minimum=0, synonyms=("Budget (£)", "Annual Budget")),
    ),
    checks=(
        RowCheck(
            "not regexp_full_match(financial_year, '[0-9]{4}/[0-9]{2}') "
            "or (left(financial_year, 4)::integer + 1) % 100 <> right(financial_year, 2)::integer",
            "Financial Year must be written like 2024/25",
        ),
    ),
)

TICKET_STATES = {
    "new": "new",
    "open": "new",
    "logged": "new",
    "assigned": "assigned",
    "in progress": "in progress",
    "active": "in progress",
    "work in progress": "in progress",
    "on hold": "on hold",
    "pending": "on hold",
    "awaiting user info": "on hold",
    "awaiting vendor": "on hold",
    "awaiting problem": "on hold",
    "awaiting evidence": "on hold",
    "awaiting customer": "on hold",
    "awaiting caller": "on hold",
    "awaiting change": "on hold",
    "suspended": "on hold",
    "waiting": "on hold",
    "in-progress": "in progress",
    "resolved": "resolved",
    "closed": "closed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}
PRIORITIES = {
    "p1": "P1",
    "1": "P1",
    "critical": "P1",
    "1 - critical": "P1",
    "p2": "P2",
    "2": "P2",
    "high": "P2",
    "2 - high": "P2",
    "p3": "P3",
    "3": "P3",
    "moderate": "P3",
    "medium": "P3",
    "3 - moderate": "P3",
    "p4": "P4",
    "4": "P4",
    "low": "P4",
    "4 - low": "P4",
    "5 - planning": "P4",
}

CHANNELS = {
    "phone": "Phone",
    "telephone": "Phone",
    "call": "Phone",
    "ivr": "Phone",
    "email": "Email",
    "e-mail": "Email",
    "mail": "Email",
    "self-service portal": "Self-service portal",
    "self-service": "Self-service portal",
    "self service": "Self-service portal",
    "portal": "Self-service portal",
    "web": "Self-service portal",
    "walk-in": "Walk-in",
    "walk in": "Walk-in",
    "walk up": "Walk-in",
    "chat": "Chat",
}

TICKETS = Kind(
    name="tickets",
    table="tickets",
    description="IT support tickets: one row per ticket",
    key=("ticket_number",),
    columns=(
        Column(
            "ticket_number",
            "Number",
            synonyms=("Ticket Number", "Incident Number", "Ticket", "Reference", "Incident ID", "Case Number"),
        ),
        Column(
            "opened_at",
            "Opened",
            "timestamp",
            synonyms=("Opened At", "Opened Date", "Date Opened", "Created", "Created On", "Logged", "Submitted"),
        ),
        Column("assigned_at", "Assigned", "timestamp", required=False, synonyms=("Assigned At", "First Assigned")),
        Column(
            "resolved_at",
            "Resolved",
            "timestamp",
            required=False,
            synonyms=("Resolved At", "Resolved Date", "Date Resolved", "Resolution Date"),
        ),
        Column(
            "closed_at", "Closed", "timestamp", required=False, synonyms=("Closed At", "Closed Date", "Date Closed")
        ),
        Column(
            "state",
            "State",
            "choice",
            choices=TICKET_STATES,
            synonyms=("Status", "Incident State", "Ticket Status"),
        ),
        Column("priority", "Priority", "choice", choices=PRIORITIES, synonyms=("Priority Level",)),
        Column("category", "Category", required=False, synonyms=("Ticket Category", "Category Name")),
        Column(
            "department",
            "Caller Department",
            reference="department",
            required=False,
            synonyms=("Department", "Requester Department", "Caller Dept", "Business Unit"),
        ),
        Column(
            "assignment_group",
            "Assignment Group",
            required=False,
            synonyms=("Resolver Group", "Support Group", "Assigned Group", "Team"),
        ),
        Column("provider_type", "Provider Type", "choice", required=False, choices=PROVIDER_TYPES),
        Column(
            "channel",
            "Channel",
            required=False,
            choices=CHANNELS,
            synonyms=("Contact Type", "Contact Method", "Source", "Origin"),
        ),
        Column("reassignment_count", "Reassignment Count", "integer", minimum=0, synonyms=("Reassignments",)),
        Column("reopen_count", "Reopen Count", "integer", minimum=0, synonyms=("Reopens",)),
        Column(
            "first_contact_resolution",
            "First Contact Resolution",
            "boolean",
            required=False,
            synonyms=("FCR", "Resolved at First Contact"),
        ),
        Column("sla_met", "SLA Met", "boolean", required=False, synonyms=("Made SLA",)),
        Column(
            "satisfaction_score",
            "Satisfaction",
            "integer",
            required=False,
            minimum=1,
            maximum=5,
            synonyms=("Satisfaction Score", "Survey Score"),
        ),
        # Event logs (one row per update, for example ServiceNow's): read only to pick each ticket's last state.
        Column(
            "update_number",
            "Update Number",
            "integer",
            required=False,
            stored=False,
            synonyms=("sys_mod_count", "Mod Count", "Update Count", "Version"),
        ),
        Column(
            "updated_at",
            "Updated",
            "timestamp",
            required=False,
            stored=False,
            synonyms=("sys_updated_at", "Updated At", "Last Updated", "Event Time"),
        ),
        Column("assignee", "Assigned To", required=False, stored=False, synonyms=("Assignee", "Resolver")),
    ),
    derived={
        # The export's own SLA flag when it has one, otherwise the priority's resolution target; empty while open.
        "sla_met": "case when state in ('new', 'assigned', 'in progress', 'on hold') then null "
        "else coalesce(sla_met, resolved_at <= opened_at + to_minutes((60 * (select t.resolve_within_hours "
        "from sla_targets t where t.priority = typed.priority))::bigint)) end",
    },
    events=Events(
        marker="update_number",
        order=("update_number", "updated_at"),
        highest=("reassignment_count", "reopen_count"),
        first_when={"assigned_at": ("updated_at", "assignee is not null", "opened_at")},
    ),
    checks=(
        RowCheck("assigned_at < opened_at", "Assigned is before Opened"),
        RowCheck("resolved_at < opened_at", "Resolved is before Opened"),
        RowCheck("closed_at < coalesce(resolved_at, opened_at)", "Closed is before Resolved"),
    ),
)

SERVICE_KPIS = Kind(
    name="service_kpis",
    table="service_kpis",
    description="Monthly service levels of the non-IT services",
    key=("month", "service_id", "measure"),
    must_resolve=("service",),
    columns=(
        Column("month", "Month", "date", synonyms=("Period",)),
        Column("service", "Service Type", reference="service", synonyms=("Service",)),
        Column("measure", "Measure", synonyms=("KPI", "Indicator")),
        Column("value", "Value", "number", synonyms=("Actual", "Result")),
        Column("target", "Target", "number"),
        Column(
            "unit",
            "Unit",
            "choice",
            choices={
                "%": "%",
                "percent": "%",
                "per cent": "%",
                "score": "score",
                "days": "days",
                "hours": "hours",
            },
        ),
        Column("higher_is_better", "Higher Is Better", "boolean"),
        Column("volume", "Volume", "integer", required=False, minimum=0),
    ),
    checks=(RowCheck("day(month) <> 1", "Month must be the first day of the month"),),
)

ASSETS = Kind(
    name="assets",
    table="assets",
    description="The hardware asset register",
    key=("asset_id",),
    columns=(
        Column("asset_id", "Asset Tag", synonyms=("Asset ID", "Asset Number")),
        Column("asset_type", "Asset Type", synonyms=("Type", "Class")),
        Column("model", "Model", required=False),
        Column("service", "Service Type", reference="service", required=False, synonyms=("Service",)),
        Column("department", "Department", reference="department", required=False),
        Column("purchased_on", "Purchased", "date", synonyms=("Purchase Date",)),
        Column("purchase_cost", "Cost", "money", required=False, minimum=0, synonyms=("Purchase Cost",)),
        Column("refresh_due", "Refresh Due", "date", required=False, synonyms=("Replacement Due",)),
        Column("warranty_end", "Warranty End", "date", required=False, synonyms=("Warranty Expiry",)),
        Column(
            "status",
            "Status",
            "choice",
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
        Column("licence_id", "Agreement", synonyms=("Licence ID", "Agreement Number")),
        Column("product", "Product", synonyms=("Software",)),
        Column("supplier", "Supplier Name", reference="supplier", required=False, synonyms=("Supplier", "Reseller")),
        Column("department", "Department", reference="department", required=False),
        Column(
            "licence_model",
            "Licence Model",
            "choice",
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
        Column("seats_purchased", "Seats Purchased", "integer", minimum=0, synonyms=("Purchased", "Entitlement")),
        Column("seats_active", "Seats Active", "integer", minimum=0, synonyms=("Active", "In Use")),
        Column("cost_per_seat", "Cost per Seat", "money", minimum=0, synonyms=("Unit Cost",)),
        Column("renewal_date", "Renewal Date", "date", synonyms=("Renewal",)),
    ),
)

REFERENCE_MAP = Kind(
    name="reference_map",
    table="reference_map",
    description="How the exports' own department, service and expense-type labels map onto ours",
    key=("kind", "source_value"),
    columns=(
        Column(
            "kind",
            "Kind",
            "choice",
            choices={
                "department": "department",
                "service": "service",
                "expense type": "expense_type",
                "expense_type": "expense_type",
            },
        ),
        Column("source_value", "Label in Export", synonyms=("Source Value", "Label", "Value")),
        Column("target_id", "Maps To", required=False, synonyms=("Target", "Code", "Target ID")),
    ),
    checks=(
        RowCheck(
            "kind = 'department' and target_id not in (select department_id from departments)",
            "Maps To is not a department code",
        ),
        RowCheck(
            "kind <> 'department' and target_id not in (select service_id from services)",
            "Maps To is not a service code",
        ),
    ),
)

WEIGHT_CHECK = RowCheck(
    "abs(price_weight + quality_weight + capability_weight - 100) > 0.05",
    "Price, Quality and Capability Weight must add up to 100",
)

TENDER_BIDS = Kind(
    name="tender_bids",
    table="tender_bids",
    description="Every bid of the competed tenders: price, quality and capability scores, winner and weights",
    key=("contract_id", "bidder"),
    columns=(
        Column("contract_id", "Contract Reference", synonyms=("Tender Reference", "Contract ID", "Contract Number")),
        Column("bidder", "Bidder", synonyms=("Bidder Name", "Tenderer", "Supplier Name", "Supplier")),
        Column(
            "bid_price",
            "Bid Price",
            "money",
            minimum=0,
            synonyms=("Evaluated Price", "Tendered Price", "Price", "Total Price"),
        ),
        Column("quality_score", "Quality Score", "number", minimum=0, maximum=100, synonyms=("Quality",)),
        Column("capability_score", "Capability Score", "number", minimum=0, maximum=100, synonyms=("Capability",)),
        Column("is_winner", "Winner", "boolean", synonyms=("Awarded", "Successful", "Preferred Bidder")),
        Column("price_weight", "Price Weight (%)", "number", minimum=0, maximum=100, synonyms=("Price Weight",)),
        Column("quality_weight", "Quality Weight (%)", "number", minimum=0, maximum=100, synonyms=("Quality Weight",)),
        Column(
            "capability_weight",
            "Capability Weight (%)",
            "number",
            minimum=0,
            maximum=100,
            synonyms=("Capability Weight",),
        ),
    ),
    checks=(
        RowCheck(
            "contract_id not in (select contract_id from contracts)",
            "Contract Reference is not a contract in the register (import the contract register first)",
        ),
        RowCheck("bid_price <= 0", "Bid Price must be more than zero"),
        WEIGHT_CHECK,
    ),
)

RATINGS = {
    "good": "Good",
    "approaching target": "Approaching target",
    "approaching": "Approaching target",
    "requires improvement": "Requires improvement",
    "requires improvment": "Requires improvement",
    "ri": "Requires improvement",
    "inadequate": "Inadequate",
}

CONTRACT_KPIS = Kind(
    name="contract_kpis",
    table="contract_kpis",
    description="Contract KPI ratings (Procurement Act 2023): Good, Approaching target, Requires improvement or "
    "Inadequate",
    key=("contract_id", "kpi", "period_end"),
    columns=(
        Column("contract_id", "Contract Reference", synonyms=("Contract ID", "Contract Number")),
        Column("kpi", "KPI", synonyms=("Key Performance Indicator", "Indicator", "Measure")),
        Column("period_end", "Period End", "date", synonyms=("Period Ending", "Assessed On", "Rating Date")),
        Column("rating", "Rating", "choice", choices=RATINGS, synonyms=("Performance Rating", "Assessment")),
        Column("target", "Target", required=False),
        Column("result", "Result", required=False, synonyms=("Actual", "Performance")),
    ),
    checks=(
        RowCheck(
            "contract_id not in (select contract_id from contracts)",
            "Contract Reference is not a contract in the register (import the contract register first)",
        ),
    ),
)

FORCE_KNOWN = RowCheck(
    "force not in (select force from police_forces)",
    "Force is not one of the police forces (import the police_forces file first)",
)

POLICE_FORCES = Kind(
    name="police_forces",
    table="police_forces",
    description="The police forces of England and Wales for benchmarking: region, population, ours and our MSG",
    key=("force",),
    columns=(
        Column("force", "Force", synonyms=("Police Force", "Force Name", "Police Force Area")),
        Column("region", "Region", synonyms=("English Region",)),
        Column("population", "Population", "integer", required=False, minimum=1, synonyms=("Residents",)),
        Column("population_source", "Population Source", required=False),
        Column("is_home_force", "Our Force", "boolean", required=False, synonyms=("Home Force", "Is Home Force")),
        Column(
            "in_most_similar_group",
            "In Most Similar Group",
            "boolean",
            required=False,
            synonyms=("MSG", "Most Similar Group"),
        ),
    ),
    derived={
        "is_home_force": "coalesce(is_home_force, false)",
        "in_most_similar_group": "coalesce(in_most_similar_group, false)",
    },
)

FORCE_WORKFORCE = Kind(
    name="force_workforce",
    table="force_workforce",
    description="Officer and staff FTE per force, from the Home Office police workforce tables "
    "(`python -m bsdash workforce` reads the published ODS into this layout)",
    key=("force", "as_at", "workforce"),
    columns=(
        Column("force", "Force", synonyms=("Police Force", "Police Force Area")),
        Column("as_at", "As At", "date", synonyms=("Date", "As At Date")),
        Column(
            "workforce",
            "Workforce",
            "choice",
            choices={
                "officers": "officers",
                "police officers": "officers",
                "staff": "staff",
                "police staff": "staff",
            },
        ),
        Column("fte", "FTE", "number", required=False, minimum=0, synonyms=("Full-time Equivalent",)),
        Column("source_table", "Source Table", synonyms=("Table",)),
        Column("source_publication", "Source", synonyms=("Publication",)),
    ),
    checks=(FORCE_KNOWN,),
)

FORCE_SPEND = Kind(
    name="force_spend",
    table="force_spend",
    description="Other forces' spend on business services by POA function and financial year, for benchmarking",
    key=("force", "financial_year", "poa_function"),
    columns=(
        Column("force", "Force", synonyms=("Police Force",)),
        Column("financial_year", "Financial Year", synonyms=("Year", "FY")),
        Column(
            "poa_function",
            "POA Function",
            "choice",
            synonyms=("POA", "Objective Analysis"),
            choices=SERVICES.column("poa_function").choices,
        ),
        Column("amount", "Amount", "money", synonyms=("Spend", "Amount (£)")),
        Column("source", "Source"),
    ),
    checks=(BUDGETS.checks[0], FORCE_KNOWN),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        DEPARTMENTS,
        SERVICES,
        SUPPLIERS,
        REFERENCE_MAP,
        CONTRACTS,
        SPEND,
        BUDGETS,
        TICKETS,
        SERVICE_KPIS,
        ASSETS,
        LICENCES,
        TENDER_BIDS,
        CONTRACT_KPIS,
        POLICE_FORCES,
        FORCE_WORKFORCE,
        FORCE_SPEND,
    )
}
# Tables whose department or service may be read from a label that a later mapping resolves.
RESOLVED_LATER = {
    "spend": ("department", "service"),
    "tickets": ("department",),
    "assets": ("department",),
    "licences": ("department",),
}
# Reference data first, so that the rows that point at it resolve.
IMPORT_ORDER = tuple(KINDS)
