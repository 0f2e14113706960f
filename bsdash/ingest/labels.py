"""Export labels and what they stand for: departments, services, expense types, and ticket states or priorities
that no vocabulary places.

The lookups are read when rows are typed (stage 4); `resolve_labels` points every loaded row at what its label
means now, after the reference data or the reference map changed (stage 8).
"""

import duckdb

from bsdash.ingest.kinds import KINDS, RESOLVED_LATER
from bsdash.ingest.sql import create_macros
from bsdash.ingest.values import normal, place, vocabulary

LOOKUP_TABLES = ("department_lookup", "service_lookup", "expense_lookup")


def create_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Label -> id tables for departments and services: the reference map first, then names, then codes."""
    for reference, table, key in (
        ("department", "departments", "department_id"),
        ("service", "services", "service_id"),
    ):
        con.execute(f"""
            create or replace temp table {reference}_lookup as
            select distinct on (label) label, {key} as id from (
                select label_key(source_value) as label, target_id as {key}, 1 as rank
                from reference_map where kind = '{reference}' and target_id is not null
                union all select label_key(name), {key}, 2 from {table}
                union all select label_key({key}), {key}, 3 from {table}
            ) order by label, rank
        """)
    con.execute("""
        create or replace temp table expense_lookup as
        select distinct on (label) label_key(source_value) as label, target_id as id
        from reference_map where kind = 'expense_type' and target_id is not null
        order by label
    """)


def mapped_values(con: duckdb.DuckDBPyConnection, label_kind: str) -> dict[str, str]:
    """What the analyst mapped labels of one kind onto (the reference map), by the label's words."""
    rows = con.execute(
        "select source_value, target_id from reference_map where kind = $kind and target_id is not null",
        {"kind": label_kind},
    ).fetchall()
    return {normal(label): target for label, target in rows}


def resolve_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Point every row loaded with a label at what the label stands for now.

    A department or service label is resolved through the lookups (a payment's service from its service label,
    else from its expense type); a ticket state or priority no vocabulary placed, through the reference map.
    A label whose mapping was removed goes back to unmapped. Each distinct label is resolved once.
    """
    create_macros(con)
    create_lookups(con)
    for table, references in RESOLVED_LATER.items():
        for reference in references:
            fallback = ""
            labels = f"t.source_{reference}"
            if table == "spend" and reference == "service":
                fallback = "left join expense_lookup e on e.label = label_key(p.expense_type)"
                labels += ", t.expense_type"
            con.execute(f"""
                update {table} t set {reference}_id = r.id
                from (
                    select p.*, coalesce(l.id{", e.id" if fallback else ""}) as id
                    from (select distinct {labels} from {table} t) p
                    left join {reference}_lookup l on l.label = label_key(p.source_{reference})
                    {fallback}
                ) r
                where r.source_{reference} is not distinct from t.source_{reference}
                  {"and r.expense_type is not distinct from t.expense_type" if fallback else ""}
                  and t.{reference}_id is distinct from r.id
            """)
    _place_unplaced_values(con)


def _place_unplaced_values(con: duckdb.DuckDBPyConnection) -> None:
    """Tickets whose state or priority no vocabulary placed: what the reference map says of them now."""
    for kind in KINDS.values():
        for name, label_kind in kind.mappable.items():
            column = kind.column(name)
            overrides = mapped_values(con, label_kind)
            labels = [
                r[0]
                for r in con.execute(
                    f"select distinct source_{name} from {kind.table} where source_{name} is not null"
                ).fetchall()
            ]
            placed = [(label, place(label, vocabulary(column), overrides)) for label in labels]
            if not placed:
                continue
            con.execute(f"create or replace temp table placed_{name} (label varchar, value varchar)")
            con.executemany(f"insert into placed_{name} values (?, ?)", placed)
            con.execute(f"""
                update {kind.table} t set {name} = p.value
                from placed_{name} p
                where t.source_{name} = p.label and t.{name} is distinct from p.value
            """)
            con.execute(f"drop table temp.placed_{name}")
