"""Event logs: exports with one row per update of a record (ServiceNow's incident log, for example).

Each row (event) is typed and checked like any other row; an event that breaks the contract is quarantined
with its reason. The valid events of each record then collapse to one row, the record's latest state, and
that row is classified (new, update, duplicate, conflict) like a row of an ordinary export. Every event
takes its record's fate, so that for an event log too, rows read (events) = loaded + quarantined +
duplicates, and the report says how many records the loaded events made.

    typed (one row per event) -> typed_events, kept aside
    typed (one row per record: its latest valid event) -> classified -> outcome
    outcome, spread back over the events -> row_outcome (what the counts and the quarantine read)
"""

import duckdb

from bsdash.layouts import Column, Kind
from bsdash.store.db import scalar


def is_event_log(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]) -> bool:
    """An event log has the kind's marker column, or its ordering columns and a key seen more than once."""
    if spec.events is None:
        return False
    found = {c.name for c in mapping}
    if spec.events.marker in found:
        return True
    if not any(name in found for name in spec.events.order):
        return False
    keys = ", ".join(spec.key)
    return bool(scalar(con, f"select count(*) > count(distinct ({keys})) from typed where _reason is null"))


def collapse(con: duckdb.DuckDBPyConnection, spec: Kind, mapping: dict[Column, str]) -> None:
    """Replace `typed` by one row per record, keeping the events in `typed_events`."""
    assert spec.events is not None
    events = spec.events
    found = {c.name for c in mapping}
    keys = ", ".join(spec.key)
    latest = ", ".join(f"{name} desc nulls last" for name in events.order if name in found)
    replaced = [f"max({name}) over records as {name}" for name in events.highest if name in found]
    for name, (when, condition, floor) in events.first_when.items():
        needed = {when, condition.split()[0]}
        if needed <= found:
            first = f"min(case when {condition} then {when} end) over records"
            replaced.append(f"coalesce({name}, greatest({floor}, {first})) as {name}")
    replace = f"replace ({', '.join(replaced)})" if replaced else ""
    con.execute("drop table if exists typed_events")
    con.execute("alter table typed rename to typed_events")
    con.execute(f"""
        create temp table typed as
        select * {replace}
        from typed_events
        where _reason is null
        window records as (partition by {keys})
        qualify row_number() over (partition by {keys} order by {latest + ", " if latest else ""}_row desc) = 1
    """)


def spread_outcome(con: duckdb.DuckDBPyConnection, spec: Kind) -> None:
    """Give every event its record's outcome, or its own reason when the event itself was quarantined."""
    keys = ", ".join(f"t.{k}" for k in spec.key)
    on_key = " and ".join(f"r.{k} = e.{k}" for k in spec.key)
    con.execute(f"""
        create or replace temp table row_outcome as
        with records as (select {keys}, o._status, o._reason from typed t join outcome o using (_row))
        select e._row,
            case when e._reason is null then r._status else 'quarantine' end as _status,
            case when e._reason is null then r._reason else e._reason end as _reason
        from typed_events e left join records r on e._reason is null and {on_key}
    """)


def drop(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("drop table if exists temp.typed_events")
