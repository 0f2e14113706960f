"""Stage 6, classifying: each row's fate by its key, new (load), newer (replace), already there (duplicate), or in
conflict or broken (quarantine).

A key repeated within the file is a duplicate when its values match its first occurrence, a conflict when not;
a key already in the table is a duplicate when the values match, else replaced or quarantined as the kind says
(registers and snapshots are re-exported whole; payments never change once made). Whole rows are compared only
for those few keys, so that a large new file stays fast. For an event log, every event then takes its record's
fate, so that rows read (events) = loaded + quarantined + duplicates.

    typed -> outcome (one row per record) -> row_outcome (one row per row read in `src`)

Each outcome row also carries the row's pounds and whether its payee was withheld, for stage 7 to count
without a second pass over the rows.

Entry: `classify_rows(trip)`.
"""

from bsdash.ingest.sql import quote_literal
from bsdash.ingest.targets import stored_columns, value_expression
from bsdash.ingest.trip import Trip

CONFLICT_IN_FILE = "' appears again in this file with different values (first at row "
CONFLICT_IN_TABLE = "' is already loaded with different values"


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
    on_table = " and ".join(f"v.{k} = x.{k}" for k in kind.key)
    same_key = " and ".join(f"v.{k} = k.{k}" for k in kind.key)
    key_text = " || ' / ' || ".join(f"v.{k}::varchar" for k in kind.key)
    # Keys held by more than one valid row of the file (few), rather than a window over every row.
    con.execute(f"""
        create or replace temp table repeated as
        select {keys}, min(_row) as _first_row from typed where _reason is null group by all having count(*) > 1
    """)
    con.execute(f"""
        create or replace temp table decided as
        with repeats as (
            select v._row, k._first_row, {key_text} as _key,
                case when {same_as_first} then 'duplicate' else 'conflict_file' end as _status
            from repeated k
            join typed v on {same_key} and v._reason is null and v._row <> k._first_row
            join typed f on f._row = k._first_row
        ),
        existing as (
            select v._row, {key_text} as _key,
                case when {same_as_loaded} then 'duplicate'
                     when {quote_literal(kind.on_conflict)} = 'replace' then 'replace'
                     else 'conflict_table' end as _status
            from typed v join {kind.table} x on {on_table}
            where v._reason is null
        )
        select _row, coalesce(r._status, e._status) as _status, r._first_row, coalesce(r._key, e._key) as _key
        from repeats r full join existing e using (_row)
    """)
    key_header = quote_literal(
        " / ".join(sources.get(kind.column(k), kind.column(k).header) if kind.has_column(k) else k for k in kind.key)
    )
    money = f"t.{kind.money}" if kind.money else "null::decimal(18, 2)"
    con.execute(f"""
        create or replace temp table outcome as
        select t._row,
            case when t._reason is not null then 'quarantine' else coalesce(d._status, 'load') end as _status,
            case
                when t._reason is not null then t._reason
                when d._status = 'conflict_file'
                    then {key_header} || ' ''' || d._key || {quote_literal(CONFLICT_IN_FILE)} || d._first_row || ')'
                when d._status = 'conflict_table'
                    then {key_header} || ' ''' || d._key || {quote_literal(CONFLICT_IN_TABLE)}
            end as _reason,
            {money} as _amount, t._withheld
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
            case when e._reason is null then r._reason else e._reason end as _reason,
            null::decimal(18, 2) as _amount, e._withheld
        from typed_events e left join records r on e._reason is null and {on_key}
    """)
