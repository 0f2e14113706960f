"""Relationships and unique keys of the high-volume tables, declared as data and verified instead of constraints.

The importer runs them over the rows it has just loaded, inside its transaction, so that a row pointing at
nothing, or a second payment with the same transaction number, never commits; `python -m bsdash check` runs
them over the whole database. (An index behind a primary key on `spend` would cost a second per million
payments imported; the import's classification already keeps a known key out, and this check confirms it.)
"""

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Relationship:
    table: str
    column: str
    parent: str
    parent_column: str

    def describe(self) -> str:
        return f"{self.table}.{self.column} -> {self.parent}.{self.parent_column}"


RELATIONSHIPS = (
    Relationship("spend", "department_id", "departments", "department_id"),
    Relationship("spend", "service_id", "services", "service_id"),
    Relationship("spend", "supplier_id", "suppliers", "supplier_id"),
    Relationship("spend", "import_id", "imports", "import_id"),
    Relationship("tickets", "department_id", "departments", "department_id"),
    Relationship("tickets", "priority", "sla_targets", "priority"),
    Relationship("tickets", "import_id", "imports", "import_id"),
)


@dataclass(frozen=True)
class UniqueKey:
    table: str
    column: str

    def describe(self) -> str:
        return f"{self.table}.{self.column} is unique"


UNIQUE_KEYS = (UniqueKey("spend", "transaction_number"),)


def contract_problems(
    con: duckdb.DuckDBPyConnection, table: str | None = None, import_id: int | None = None
) -> list[str]:
    """Broken relationships and repeated keys (for the rows of `import_id` when given)."""
    return broken_relationships(con, table, import_id) + repeated_keys(con, table, import_id)


def repeated_keys(con: duckdb.DuckDBPyConnection, table: str | None = None, import_id: int | None = None) -> list[str]:
    """One line per unique key held by more than one row: among an import's rows, or over the whole table.

    Within an import is the check the importer can afford on every file; a key already in the table is kept
    out by the import's classification, and `python -m bsdash check` looks over the whole table.
    """
    problems = []
    for key in UNIQUE_KEYS:
        if table and key.table != table:
            continue
        count, example = con.execute(
            f"""
            select count(*), min(k::varchar) from (
                select {key.column} as k from {key.table}
                where $import_id is null or import_id = $import_id
                group by all having count(*) > 1
            )
        """,
            {"import_id": import_id},
        ).fetchall()[0]
        if count:
            problems.append(
                f"{key.describe()}: {count:,} values are held by more than one row, for example '{example}'"
            )
    return problems


def broken_relationships(
    con: duckdb.DuckDBPyConnection, table: str | None = None, import_id: int | None = None
) -> list[str]:
    """One line per relationship with rows pointing at nothing (only those of `import_id` when given)."""
    problems = []
    for rel in RELATIONSHIPS:
        if table and rel.table != table:
            continue
        count, example = con.execute(
            f"""
            select count(*), min(c.{rel.column}::varchar) from {rel.table} c
            where c.{rel.column} is not null and ($import_id is null or c.import_id = $import_id)
              and not exists (select 1 from {rel.parent} p where p.{rel.parent_column} = c.{rel.column})
        """,
            {"import_id": import_id},
        ).fetchall()[0]
        if count:
            problems.append(f"{rel.describe()}: {count:,} rows point at nothing, for example '{example}'")
    return problems
