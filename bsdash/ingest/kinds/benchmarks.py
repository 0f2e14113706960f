"""Benchmarking: the forces of England and Wales, their workforce (Home Office tables) and their spend."""

from bsdash.ingest.kinds.model import Column, Kind, RowCheck
from bsdash.ingest.kinds.spend import BUDGETS
from bsdash.ingest.kinds.vocabulary import POA_FUNCTIONS

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
        Column(
            "force",
            "Force",
            required=True,
            shape="label",
            synonyms=("Police Force", "Force Name", "Police Force Area"),
        ),
        Column("region", "Region", required=True, shape="label", synonyms=("English Region",)),
        Column("population", "Population", "integer", minimum=1, synonyms=("Residents",)),
        Column("population_source", "Population Source"),
        Column("is_home_force", "Our Force", "boolean", synonyms=("Home Force", "Is Home Force")),
        Column("in_most_similar_group", "In Most Similar Group", "boolean", synonyms=("MSG", "Most Similar Group")),
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
        Column("force", "Force", required=True, shape="label", synonyms=("Police Force", "Police Force Area")),
        Column("as_at", "As At", "date", required=True, synonyms=("Date", "As At Date")),
        Column(
            "workforce",
            "Workforce",
            "choice",
            required=True,
            choices={
                "officers": "officers",
                "police officers": "officers",
                "staff": "staff",
                "police staff": "staff",
            },
        ),
        Column("fte", "FTE", "number", minimum=0, synonyms=("Full-time Equivalent",)),
        Column("source_table", "Source Table", required=True, synonyms=("Table",)),
        Column("source_publication", "Source", required=True, synonyms=("Publication",)),
    ),
    checks=(FORCE_KNOWN,),
)

FORCE_SPEND = Kind(
    name="force_spend",
    table="force_spend",
    description="Other forces' spend on business services by POA function and financial year, for benchmarking",
    key=("force", "financial_year", "poa_function"),
    money="amount",
    columns=(
        Column("force", "Force", required=True, shape="label", synonyms=("Police Force",)),
        Column("financial_year", "Financial Year", required=True, shape="identifier", synonyms=("Year", "FY")),
        Column(
            "poa_function",
            "POA Function",
            "choice",
            required=True,
            synonyms=("POA", "Objective Analysis"),
            choices=POA_FUNCTIONS,
        ),
        Column("amount", "Amount", "money", required=True, synonyms=("Spend", "Amount (£)")),
        Column("source", "Source", required=True),
    ),
    checks=(BUDGETS.checks[0], FORCE_KNOWN),
)
