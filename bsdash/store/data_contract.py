"""The data contract described from the schema itself (its comments and constraints), for people to read.

data/README.md holds this text; a test keeps the two the same, so the documentation cannot drift.
"""

import duckdb

from bsdash.governance import audit
from bsdash.store import db
from bsdash.store.checks import RELATIONSHIPS, UNIQUE_KEYS

# The order people meet the tables in: reference data, facts, then bookkeeping.
TABLE_ORDER = (
    "departments",
    "services",
    "suppliers",
    "contracts",
    "spend",
    "budgets",
    "sla_targets",
    "tickets",
    "service_kpis",
    "assets",
    "licences",
    "tender_bids",
    "contract_kpis",
    "police_forces",
    "force_workforce",
    "force_spend",
    "reference_map",
    "imports",
    "quarantine",
)


def describe(markdown: bool = True) -> str:
    """Every table of the data, then the audit log's (kept in a file of its own, described the same way)."""
    con = duckdb.connect()
    db.create_schema(con)
    text = _describe_tables(con, TABLE_ORDER, markdown)
    con.close()
    con = duckdb.connect()
    audit.create_schema(con)
    text += "\n" + _describe_tables(con, ("audit_log",), markdown)
    con.close()
    return text


def _describe_tables(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...], markdown: bool) -> str:
    lines = []
    for table in tables:
        comment = con.execute("select comment from duckdb_tables() where table_name = $t", {"t": table}).fetchall()
        lines += [f"### `{table}`", "", comment[0][0] or "", ""]
        lines += ["| column | type | rules | meaning |", "| --- | --- | --- | --- |"] if markdown else []
        for name, data_type, meaning in con.execute(
            "select column_name, data_type, comment from duckdb_columns() where table_name = $t order by column_index",
            {"t": table},
        ).fetchall():
            rules = "; ".join(_rules(con, table, name))
            if markdown:
                lines.append(f"| `{name}` | {data_type.lower()} | {rules} | {meaning or ''} |")
            else:
                lines.append(f"  {name:28} {data_type.lower():14} {meaning or ''}  [{rules}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _rules(con: duckdb.DuckDBPyConnection, table: str, column: str) -> list[str]:
    rules = []
    for kind, columns, expression, parent, parent_columns in con.execute(
        "select constraint_type, constraint_column_names, expression, referenced_table, referenced_column_names "
        "from duckdb_constraints() where table_name = $t and list_contains(constraint_column_names, $c)",
        {"t": table, "c": column},
    ).fetchall():
        if kind == "PRIMARY KEY":
            rules.append("primary key" if len(columns) == 1 else f"primary key ({', '.join(columns)})")
        elif kind == "UNIQUE":
            rules.append("unique")
        elif kind == "NOT NULL":
            rules.append("not null")
        elif kind == "FOREIGN KEY":
            rules.append(f"references `{parent}.{parent_columns[0]}`")
        elif kind == "CHECK" and len(columns) == 1:
            rules.append(f"check `{_unwrap(expression)}`".replace("|", "\\|"))
        elif kind == "CHECK" and column == columns[0]:
            rules.append(f"row check `{expression}`".replace("|", "\\|"))
    for rel in RELATIONSHIPS:
        if rel.table == table and rel.column == column:
            rules.append(f"checked against `{rel.parent}.{rel.parent_column}` on import")
    for key in UNIQUE_KEYS:
        if key.table == table and key.column == column:
            rules.append("unique, checked on import")
    if any(r.startswith("primary key") for r in rules):
        rules = [r for r in rules if r != "not null"]
    order = {"primary key": 0, "not null": 1, "unique": 2}
    return sorted(dict.fromkeys(rules), key=lambda r: order.get(r.split(" (")[0], 3))


def _unwrap(expression: str) -> str:
    return expression[1:-1] if expression.startswith("(") and expression.endswith(")") else expression
