"""Every kind of export the import reads, declared as data (bsdash.ingest.kinds.model), by family."""

from bsdash.ingest.kinds.benchmarks import FORCE_SPEND, FORCE_WORKFORCE, POLICE_FORCES
from bsdash.ingest.kinds.model import Column, Kind
from bsdash.ingest.kinds.reference import DEPARTMENTS, LABEL_TARGETS, REFERENCE_MAP, SERVICES, SUPPLIERS
from bsdash.ingest.kinds.registers import ASSETS, CONTRACT_KPIS, CONTRACTS, LICENCES, TENDER_BIDS
from bsdash.ingest.kinds.spend import BUDGETS, SPEND
from bsdash.ingest.kinds.tickets import SERVICE_KPIS, TICKETS

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
# Reference data first, so that the rows that point at it resolve.
IMPORT_ORDER = tuple(KINDS)
# Tables whose department or service may be read from a label that a later mapping resolves.
RESOLVED_LATER = {
    "spend": ("department", "service"),
    "tickets": ("department",),
    "assets": ("department",),
    "licences": ("department",),
}
# Kinds whose import can change how other tables' labels resolve.
REFERENCE_KINDS = ("departments", "services", "reference_map")

__all__ = [
    "IMPORT_ORDER",
    "KINDS",
    "LABEL_TARGETS",
    "REFERENCE_KINDS",
    "RESOLVED_LATER",
    "SPEND",
    "TICKETS",
    "Column",
    "Kind",
]
