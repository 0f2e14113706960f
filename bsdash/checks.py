"""Relationships of the high-volume tables, declared as data and verified instead of foreign keys.

The importer runs them over the rows it has just loaded, inside its transaction, so that a row pointing at
nothing never commits; `python -m bsdash check` runs them over the whole database.
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
