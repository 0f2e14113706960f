"""Which columns of its table an import of a kind fills, and how each is read from `typed`: for stages 6 and 7."""

import duckdb

from bsdash.ingest.kinds import Kind
from bsdash.ingest.numbers import Storage, storage_of


def stored_columns(con: duckdb.DuckDBPyConnection, kind: Kind) -> list[str]:
    """Columns of the target table that an import of this kind fills, in table order."""
    table_columns = [
        r[0]
        for r in con.execute(
            "select column_name from duckdb_columns() where table_name = $t and not internal order by column_index",
            {"t": kind.table},
        ).fetchall()
    ]
    available = {c.name for c in kind.columns if c.stored and c.reference is None} | set(kind.derived)
    for column in kind.columns:
        if column.reference:
            available |= {f"{column.reference}_id", f"source_{column.reference}"}
        if column.placed_later:
            available.add(f"source_{column.name}")
    if kind.withheld:
        available.add(f"{kind.withheld}_name")
    if kind.key_flag:
        available.add(kind.key_flag)
    if kind.stated_date:
        available.add(kind.stated_date.flag)
    return [c for c in table_columns if c in available]


def value_expression(kind: Kind, name: str, alias: str = "t") -> str:
    """How a stored column is read from `typed`: a reference's label keeps the export's own text."""
    references = {c.reference for c in kind.columns if c.reference}
    if name.startswith("source_") and name.removeprefix("source_") in references:
        return f"{alias}.raw_{name.removeprefix('source_')}"
    if kind.withheld and name == f"{kind.withheld}_name":
        return f"{alias}.raw_{kind.withheld}"
    return f"{alias}.{name}"


def stored_storage(con: duckdb.DuckDBPyConnection, kind: Kind) -> dict[str, Storage]:
    """How the target table stores each number column of the kind (decimals kept, largest value), so that a
    value it cannot hold exactly is quarantined rather than rounded or overflowing. Columns read but not stored
    are held as the contract's type would be."""
    described = {
        name: storage_of(data_type, precision, scale)
        for name, data_type, precision, scale in con.execute(
            "select column_name, data_type, numeric_precision, numeric_scale from duckdb_columns() "
            "where table_name = $t and not internal",
            {"t": kind.table},
        ).fetchall()
    }
    defaults = {"money": storage_of("DECIMAL", 18, 2), "integer": storage_of("INTEGER", 32, 0)}
    found = {}
    for column in kind.columns:
        if column.type not in ("money", "number", "integer"):
            continue
        stored = described.get(column.name) if column.stored else None
        found[column.name] = stored or defaults.get(column.type) or storage_of("DOUBLE", None, None)
    return found
