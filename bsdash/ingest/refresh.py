"""Stage 8, refreshing: what the pages read besides the table itself, inside the trip's transaction.

A spend import rebuilds the monthly aggregates of the months its payments fall in, a ticket import the daily
ones; an import of reference data (departments, services, the reference map) points every loaded row at what its
labels stand for now, then rebuilds them all.

Entry: `refresh_aggregates(trip)`.
"""

from bsdash.ingest.kinds import REFERENCE_KINDS
from bsdash.ingest.labels import resolve_labels
from bsdash.ingest.trip import Trip
from bsdash.store import aggregates


def refresh_aggregates(trip: Trip) -> None:
    """Stage 8: bring the aggregates (and, after reference data, every row's labels) up to date."""
    con, report = trip.connection, trip.report
    if not report.loaded:
        return
    trip.progress(0.9, "Updating the figures the pages read")
    if trip.kind.name in REFERENCE_KINDS:
        resolve_labels(con)
        aggregates.refresh_all(con)
    else:
        aggregates.refresh(con, trip.kind.table, import_id=report.import_id)
