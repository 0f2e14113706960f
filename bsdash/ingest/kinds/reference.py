"""The reference data other exports point at: departments, services, suppliers, and the map of export labels."""

from bsdash.ingest.kinds.model import Column, Kind, RowCheck
from bsdash.ingest.kinds.vocabulary import POA_FUNCTIONS, PRIORITIES, PROVIDER_TYPES, TICKET_STATES

DEPARTMENTS = Kind(
    name="departments",
    table="departments",
    description="Departments and their establishment (officer and staff FTE)",
    key=("department_id",),
    columns=(
        Column(
            "department_id",
            "Department Code",
            required=True,
            shape="identifier",
            synonyms=("Code", "Cost Centre Code", "Dept Code"),
        ),
        Column("name", "Department", required=True, shape="label", synonyms=("Department Name", "Name", "Cost Centre")),
        Column("directorate", "Directorate", required=True, shape="label", synonyms=("Command",)),
        Column(
            "area",
            "Area",
            "choice",
            required=True,
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
            required=True,
            synonyms=("Department Type",),
            choices={
                "neighbourhood": "neighbourhood",
                "neighbourhood policing": "neighbourhood",
                "operational": "operational",
                "support": "support",
                "business support": "support",
            },
        ),
        Column(
            "officer_fte",
            "Officer FTE",
            "number",
            required=True,
            minimum=0,
            synonyms=("Police Officer FTE", "Officers"),
        ),
        Column("staff_fte", "Staff FTE", "number", required=True, minimum=0, synonyms=("Police Staff FTE", "Staff")),
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
        Column("service_id", "Service Code", required=True, shape="identifier", synonyms=("Code",)),
        Column("name", "Service Type", required=True, shape="label", synonyms=("Service", "Service Name")),
        Column(
            "poa_function",
            "POA Function",
            "choice",
            required=True,
            synonyms=("POA", "Objective Analysis"),
            choices=POA_FUNCTIONS,
        ),
        Column(
            "provider_type", "Provider Type", "choice", required=True, synonyms=("Provider",), choices=PROVIDER_TYPES
        ),
        Column("cost_basis", "Cost Basis", required=True),
        Column("typical_provider", "Typical Provider", required=True),
        Column("description", "Description", required=True, synonyms=("Notes",)),
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
            shape="identifier",
            synonyms=("Supplier Reference", "Vendor ID", "Supplier Code"),
        ),
        Column("name", "Supplier Name", required=True, shape="name", synonyms=("Supplier", "Vendor", "Vendor Name")),
        Column("provider_type", "Provider Type", "choice", choices=PROVIDER_TYPES),
        Column("is_sme", "SME", "boolean", synonyms=("Is SME", "SME Status")),
    ),
    derived={
        "name_key": "supplier_key(name)",
        "supplier_id": "supplier_id(supplier_key(name))",
        "is_redacted": "supplier_key(name) = 'REDACTED PERSONAL DATA'",
        "provider_type": "coalesce(provider_type, 'external')",
    },
)

# What a label of each kind may map onto: a department or service code, or one of our ticket states or priorities.
LABEL_TARGETS = {
    "ticket state": sorted(set(TICKET_STATES.values())),
    "priority": sorted(set(PRIORITIES.values())),
}

REFERENCE_MAP = Kind(
    name="reference_map",
    table="reference_map",
    description="How the exports' own labels (departments, services, expense types, ticket states and "
    "priorities) map onto ours",
    key=("kind", "source_value"),
    columns=(
        Column(
            "kind",
            "Kind",
            "choice",
            required=True,
            choices={
                "department": "department",
                "service": "service",
                "expense type": "expense_type",
                "expense_type": "expense_type",
                "ticket state": "ticket_state",
                "ticket_state": "ticket_state",
                "state": "ticket_state",
                "priority": "priority",
            },
        ),
        Column(
            "source_value", "Label in Export", required=True, shape="label", synonyms=("Source Value", "Label", "Value")
        ),
        Column("target_id", "Maps To", shape="identifier", synonyms=("Target", "Code", "Target ID")),
    ),
    checks=(
        RowCheck(
            "kind = 'department' and target_id not in (select department_id from departments)",
            "Maps To is not a department code",
        ),
        RowCheck(
            "kind in ('service', 'expense_type') and target_id not in (select service_id from services)",
            "Maps To is not a service code",
        ),
        RowCheck(
            "kind = 'ticket_state' and target_id not in ("
            + ", ".join(f"'{s}'" for s in LABEL_TARGETS["ticket state"])
            + ")",
            "Maps To is not one of our ticket states: " + ", ".join(LABEL_TARGETS["ticket state"]),
        ),
        RowCheck(
            "kind = 'priority' and target_id not in (" + ", ".join(f"'{p}'" for p in LABEL_TARGETS["priority"]) + ")",
            "Maps To is not a priority: " + ", ".join(LABEL_TARGETS["priority"]),
        ),
    ),
)
