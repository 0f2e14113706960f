"""The data contract: constraints hold in the database, and its documentation is generated from the schema."""

import duckdb
import pytest

from bsdash.store import aggregates, db
from bsdash.store.checks import broken_relationships, contract_problems
from bsdash.store.data_contract import TABLE_ORDER, describe
from tests.conftest import ROOT


@pytest.fixture
def con():
    connection = duckdb.connect()
    db.create_schema(connection)
    connection.execute(
        "insert into departments values ('CYB', 'Cyber Crime Unit', 'SCD', 'Force-wide', 'operational', 38, 26)"
    )
    connection.execute(
        "insert into services values ('it_support', 'IT support & maintenance', 'ICT', 'external', "
        "'Contract', 'Contractor', 'Desk')"
    )
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        ("insert into departments values ('CYB', 'Another', 'X', 'North', 'support', 1, 1)", "PRIMARY KEY"),
        ("insert into departments values ('X1', null, 'X', 'North', 'support', 1, 1)", "NOT NULL"),
        ("insert into departments values ('X1', 'X', 'X', 'Middle', 'support', 1, 1)", "CHECK"),
        ("insert into departments values ('X1', 'X', 'X', 'North', 'support', -1, 1)", "CHECK"),
        ("insert into services values ('fleet', 'Fleet', 'Fleet', 'outsourced', 'x', 'x', 'x')", "CHECK"),
        ("insert into budgets values ('2024/26', 'CYB', 'it_support', 100, 1)", "CHECK"),
        (
            "insert into contracts values ('C1', 'T', 'SUP-00000000', 'it_support', '2024-01-01', '2025-01-01', 1, 1, "
            "'Open tender', null, null, null, 6)",
            "foreign key",
        ),
        (
            "insert into spend values ('AP1', '2024-01-01', 'CYB', 'Cyber', 'it_support', null, 'SUP-00000000', 'S', "
            "'Licences', 'opex', 10, 1)",
            "CHECK",
        ),
        (
            "insert into tickets (ticket_number, opened_at, resolved_at, state, priority, category, "
            "reassignment_count, reopen_count, first_contact_resolution, import_id) "
            "values ('INC1', '2024-01-02', '2024-01-01', 'closed', 'P3', 'Hardware', 0, 0, false, 1)",
            "CHECK",
        ),
        (
            "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, records) values "
            "('a.csv', repeat('a', 64), 'spend', 10, 5, 1, 1, 5)",
            "CHECK",
        ),
    ],
)
def test_the_database_refuses_rows_that_break_the_contract(con, statement, error):
    with pytest.raises(duckdb.ConstraintException, match=f"(?i){error}"):
        con.execute(statement)


def test_relationship_checks_find_rows_that_point_at_nothing(con):
    con.execute(
        "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, records) "
        "values ('a.csv', repeat('a', 64), 'spend', 1, 1, 0, 0, 1)"
    )
    con.execute("insert into suppliers values ('SUP-0000000A', 'S', 'S', null, 'external', null, false)")
    con.execute(
        "insert into spend values ('AP1', '2024-01-01', 'NOPE', 'Nope', 'it_support', null, 'SUP-0000000A', "
        "'S', 'Licences', 'revenue', 10, 1)"
    )
    assert broken_relationships(con) == [
        "spend.department_id -> departments.department_id: 1 rows point at nothing, for example 'NOPE'"
    ]


def test_a_transaction_number_held_twice_is_found(con):
    # No index enforces it (it would cost a second per million payments imported): the checks find it.
    con.execute(
        "insert into imports (file_name, sha256, kind, rows_read, loaded, quarantined, duplicates, records) "
        "values ('a.csv', repeat('a', 64), 'spend', 2, 2, 0, 0, 2)"
    )
    con.execute("insert into suppliers values ('SUP-0000000A', 'S', 'S', null, 'external', null, false)")
    for amount in (10, 20):
        con.execute(
            "insert into spend values ('AP1', '2024-01-01', null, 'X', null, null, 'SUP-0000000A', "
            f"'S', 'Licences', 'revenue', {amount}, 1)"
        )
    assert contract_problems(con) == [
        "spend.transaction_number is unique: 1 values are held by more than one row, for example 'AP1'"
    ]


def test_every_table_and_column_is_described():
    con = duckdb.connect()
    db.create_schema(con)
    undocumented = con.execute(
        """
        select table_name || '.' || column_name from duckdb_columns()
        where comment is null and table_name in (select unnest($tables))
    """,
        {"tables": list(TABLE_ORDER)},
    ).fetchall()
    assert undocumented == []
    # The aggregates are derived, rebuilt by every import: bsdash/store/aggregates.py and data/README.md describe them.
    missing = con.execute(
        "select table_name from duckdb_tables() where comment is null and table_name <> 'bsdash_meta' "
        "and not list_contains($aggregates, table_name)",
        {"aggregates": list(aggregates.TABLES)},
    ).fetchall()
    assert missing == []


def test_data_readme_documents_the_contract_as_the_schema_defines_it():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert describe(markdown=True) in readme, "run `python -m bsdash schema --markdown` and paste it in"


def test_the_dashboard_cannot_write(sample_db):
    con = db.connect(sample_db, read_only=True)
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("delete from spend")
    con.close()
