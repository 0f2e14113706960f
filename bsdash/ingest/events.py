"""Stage 5, collapsing events: an export with one row per update of a record (an event log, such as ServiceNow's
incident log or any tool's status history) becomes one row per record.

Each event was typed and checked in stage 4; an event that breaks the contract is left out here (stage 6
quarantines it with its reason). The valid events of each record collapse to its latest state (by the update
number, then the event time, then the place in the file); counts that only grow take their highest value; and
what the export lacks is derived from the events in order, as the kind declares: opened = the first event,
resolved = the first event in a resolved state, closed = the last close, reassignments = changes of assignment
group, reopens = returns from resolved to an open state. The kind's derived columns and row checks then apply to
the record as collapsed. The report says which fields were derived and how.

    typed (one row per event) -> typed_events, kept for stage 6 to give every event its record's fate
    typed (one row per record)

Entry: `collapse_events(trip)`.
"""

from bsdash.ingest.sql import row_checks, with_derived
from bsdash.ingest.trip import Trip


def collapse_events(trip: Trip) -> None:
    """Stage 5: one row per record when the file is an event log; nothing to do otherwise."""
    trip.report.event_log = trip.event_log
    if not trip.event_log:
        return
    assert trip.matching is not None and trip.kind.events is not None
    trip.progress(0.5, "Collapsing the updates to one row per record")
    con, kind, events = trip.connection, trip.kind, trip.kind.events
    found = {m.column.name for m in trip.matching.matches}
    keys = ", ".join(kind.key)
    order = [name for name in events.order if name in found]
    in_order = ", ".join([*order, "_row"])
    latest = ", ".join([*(f"{name} desc nulls last" for name in order), "_row desc"])
    replaced = [f"max({name}) over records as {name}" for name in events.highest if name in found]
    for derivation in events.derivations(found):
        expression = derivation.sql.replace("{over}", "over records")
        replaced.append(f"coalesce({derivation.column}, {expression}) as {derivation.column}")
        header = kind.column(derivation.column).header
        trip.report.derived[header] = derivation.how
        trip.report.lacking.pop(header, None)  # derived, so nothing shows less
    replace = f"replace ({', '.join(replaced)})" if replaced else ""
    previous = ", ".join(
        f"lag({name} ignore nulls) over (partition by {keys} order by {in_order}) as _previous_{name}"
        for name in events.previous
    )
    con.execute("drop table if exists typed_events")
    con.execute("alter table typed rename to typed_events")
    collapsed = f"""(
        select * {replace}
        from (select *{", " + previous if previous else ""} from typed_events where _reason is null) as events
        window records as (partition by {keys})
        qualify row_number() over (partition by {keys} order by {latest}) = 1
    )"""
    checks = ", ".join(row_checks(kind)) or "null"
    dropped = ", ".join(["_reason", *(f"_previous_{name}" for name in events.previous)])
    con.execute(f"""
        create temp table typed as
        select * exclude ({dropped}), nullif(concat_ws('; ', {checks}), '') as _reason
        from ({with_derived(kind, collapsed)}) as records
    """)
