"""Stage 6, classifying: each row's fate by its key, new (load), newer (replace), already there (duplicate), or in
conflict or broken (quarantine).

A key repeated within the file is a duplicate when its values match its first occurrence, a conflict when not;
a key already in the table is a duplicate when the values match, else replaced or quarantined as the kind says
(registers and snapshots are re-exported whole; payments never change once made). Whole rows are compared only
for those few keys, so that a large new file stays fast. For an event log, every event then takes its record's
fate, so that rows read (events) = loaded + quarantined + duplicates.

    typed -> outcome (one row per record) -> row_outcome (one row per row read in `src`)

Entry: `classify_rows(trip)`.
"""

from bsdash.ingest.sql import quote_literal
from bsdash.ingest.targets import stored_columns, value_expression
from bsdash.ingest.trip import Trip


def classify_rows(trip: Trip) -> None:
    """Stage 6: decide the fate of every row (and of every event of an event log)."""
    con, kind = trip.connection, trip.kind
    assert trip.matching is not None
    sources = trip.matching.by_column
    columns = stored_columns(con, kind)
    keys = ", ".join(kind.key)
    same_as_first = " and ".join(
        f"{value_expression(kind, c, 'v')} is not distinct from {value_expression(kind, c, 'f')}" for c in columns
    )
    same_as_loaded = " and ".join(f"{value_expression(kind, c, 'v')} is not distinct from x.{c}" for c in columns)
    on_table = " and ".join(f"k.{k} = x.{k}" for k in kind.key)
    con.execute(f"""
        create or replace temp table keyed as
        select _row, {keys}, min(_row) over (partition by {keys}) as _first_row from typed where _reason is null
    """)
    con.execute(f"""
        create or replace temp table decided as
        with repeats as (
            select k._row, case when {same_as_first} then 'duplicate' else 'conflict_file' end as _status
            from keyed k join typed v on v._row = k._row join typed f on f._row = k._first_row
            where k._first_row <> k._row
        ),
        existing as (
            select k._row,
                case when {same_as_loaded} then 'duplicate'
                     when {quote_literal(kind.on_conflict)} = 'replace' then 'replace'
                     else 'conflict_table' end as _status
            from keyed k join {kind.table} x on {on_table} join typed v on v._row = k._row
            where k._first_row = k._row
        )
        select k._row, coalesce(r._status, e._status, 'load') as _status, k._first_row,
               {" || ' / ' || ".join(f"k.{k}::varchar" for k in kind.key)} as _key
        from keyed k left join repeats r using (_row) left join existing e using (_row)
    """)
    key_header = " / ".join(
        sources.get(kind.column(k), kind.column(k).header) if kind.has_column(k) else k for k in kind.key
    )
    con.execute(f"""
        create or replace temp table outcome as
        select t._row, coalesce(d._status, 'quarantine') as _status,
            case
                when t._reason is not null then t._reason
                when d._status = 'conflict_file' then {quote_literal(key_header)} || ' ''' || d._key ||
                    ''' appears again in this file with different values (first at row ' || d._first_row || ')'
                when d._status = 'conflict_table' then {quote_literal(key_header)} || ' ''' || d._key ||
                    ''' is already loaded with different values'
            end as _reason
        from typed t left join decided d using (_row)
    """)
    if not trip.event_log:
        con.execute("create or replace temp view row_outcome as select * from outcome")
        return
    keys_of = ", ".join(f"t.{k}" for k in kind.key)
    on_key = " and ".join(f"r.{k} = e.{k}" for k in kind.key)
    con.execute(f"""
        create or replace temp table row_outcome as
        with records as (select {keys_of}, o._status, o._reason from typed t join outcome o using (_row))
        select e._row,
            case when e._reason is null then r._status else 'quarantine' end as _status,
            case when e._reason is null then r._reason else e._reason end as _reason
        from typed_events e left join records r on e._reason is null and {on_key}
    """)
