"""Named queries: every one runs from the shell against the sample; bad names and parameters say what is accepted."""

import subprocess
import sys

import pytest

from bsdash import cli
from bsdash.config import QUERIES_DIR
from bsdash.store.queries import QueryError, Registry, parse_query_file
from tests.conftest import ROOT, bsdash_cli

FY_2024 = {
    "date_from": "2024-04-01",
    "date_to": "2025-03-31",
    "as_at": "2026-01-31",
    "within_months": "18",
    "row_limit": "500",
    "change_date": "2023-10-01",
    "window_months": "12",
    "service": "facilities",
    "contract_id": "KP-C-0002",
    "financial_year": "2024/25",
}


@pytest.mark.parametrize("name", Registry().names())
def test_every_query_runs_from_the_command_line_against_the_sample(sample_db, name, capsys):
    # The command line's own entry point, in this process: the same parsing, binding and printing as
    # `python -m bsdash query`, without starting Python sixty times (the shell itself is tried below).
    query = Registry().get(name)
    params = [f"--param={p.name}={FY_2024[p.name]}" for p in query.params if p.name in FY_2024]
    code = cli.main(["--db", str(sample_db), "query", name, *params, "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    _header, *rows = out.splitlines()
    assert rows, f"{name} returned no rows"


def test_spend_by_service_adds_up_to_the_payments(small_con):
    frame = Registry().run(small_con, "spend_by_service", {"date_from": "2024-04-01", "date_to": "2025-03-31"})
    total = small_con.execute(
        "select sum(amount)::double from spend where paid_date between '2024-04-01' and '2025-03-31'"
    ).fetchall()[0][0]
    assert frame["amount"].sum() == pytest.approx(total, abs=0.01)
    assert frame["share"].sum() == pytest.approx(1.0)


def test_a_custom_period_is_exact_to_the_day(small_con):
    # Whole months come from the monthly aggregate, the ragged ends from payments: the sum must still be exact.
    params = {"date_from": "2024-04-17", "date_to": "2024-09-03", "departments": "CYB,NPT-MAI"}
    frame = Registry().run(small_con, "spend_by_month", params)
    total = small_con.execute("""
        select sum(amount)::double from spend
        where paid_date between '2024-04-17' and '2024-09-03' and department_id in ('CYB', 'NPT-MAI')
    """).fetchall()[0][0]
    assert frame["amount"].sum() == pytest.approx(total, abs=0.01)
    assert frame["month"].min().date().isoformat() == "2024-04-01"


def test_a_reader_that_stops_early_gets_what_it_read_and_no_traceback(sample_db):
    """`bsdash query ... | head`: the shell closes the pipe after a few lines."""
    command = [sys.executable, "-m", "bsdash", "--db", str(sample_db), "query", "asset_register"]
    with subprocess.Popen(
        [*command, "--param", "as_at=2026-01-31", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    ) as process:
        header = process.stdout.readline()
        process.stdout.close()  # thousands of rows still to come: more than a pipe holds
        errors = process.stderr.read()
        code = process.wait(timeout=60)
    assert header.startswith("asset_id,asset_type")
    assert errors == "" and code == 0


def test_an_unknown_query_lists_the_queries(small_db):
    result = bsdash_cli("--db", str(small_db), "query", "spend_by_planet")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("error: no query named 'spend_by_planet'; the queries are: ")
    assert "spend_by_service" in line


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["--param", "date_from=2024-04-01"], "spend_by_service needs date_to; it accepts: date_from (date)"),
        (
            ["--param", "date_from=2024-04-01", "--param", "date_to=yesterday"],
            "parameter date_to: 'yesterday' is not a date",
        ),
        (
            ["--param", "date_from=2024-04-01", "--param", "date_to=2024-05-01", "--param", "colour=blue"],
            "spend_by_service does not take colour; it accepts: date_from (date), date_to (date), departments",
        ),
        (["--param", "date_from"], "--param takes KEY=VALUE, not 'date_from'"),
    ],
)
def test_a_bad_parameter_gives_one_line_naming_what_is_accepted(small_db, params, message):
    result = bsdash_cli("--db", str(small_db), "query", "spend_by_service", *params)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_list_of_queries_shows_each_ones_parameters():
    result = bsdash_cli("query")
    assert result.returncode == 0
    assert "spend_by_service: Spend per service type in the period" in result.stdout
    assert "parameters: date_from (date), date_to (date), departments (varchar[], optional)" in result.stdout


def test_every_query_is_named_by_its_file_and_describes_itself():
    for path in QUERIES_DIR.glob("*.sql"):
        query = parse_query_file(path)
        assert query.name == path.stem
        assert query.title


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-- other_name: Title\nselect 1", "the header names the query 'other_name', but the file is 'bad'"),
        ("-- bad: Title\n-- $a date: a day\nselect $a, $b", "uses undeclared $b"),
        ("-- bad: Title\n-- $a date: a day\nselect 1", "declares unused $a"),
        ("-- bad: Title\n-- $a colour: a day\nselect $a", "$a has type colour"),
        ("select 1", "the first line must be '-- <name>: <title>'"),
    ],
)
def test_a_malformed_query_file_is_refused_at_start_up(tmp_path, text, message):
    (tmp_path / "bad.sql").write_text(text)
    with pytest.raises(QueryError, match=r"bad\.sql") as raised:
        Registry(tmp_path)
    assert message in str(raised.value)


def test_values_are_bound_not_written_into_the_sql(small_con):
    hostile = "CYB') or 1=1 --"
    frame = Registry().run(
        small_con,
        "spend_by_department",
        {"date_from": "2024-04-01", "date_to": "2025-03-31", "departments": [hostile]},
    )
    assert frame.empty


# The queries that list single payments, tickets or assets: a planner sees their rows only for their departments.
ROW_LEVEL = (
    "payments",
    "payments_summary",
    "ticket_list",
    "tickets_behind",
    "tickets_behind_summary",
    "asset_register",
    "assets_needing_action",
    "quarantined_rows",
)


@pytest.mark.parametrize("name", ROW_LEVEL)
def test_every_row_level_query_declares_the_viewers_department_scope(name):
    assert "allowed_departments" in [p.name for p in Registry().get(name).params]


@pytest.mark.parametrize(
    "name", ["payments", "ticket_list", "tickets_behind", "asset_register", "assets_needing_action"]
)
def test_the_department_scope_keeps_other_departments_rows_out_even_when_they_are_asked_for(sample_con, name):
    query = Registry().get(name)
    params = {p.name: FY_2024[p.name] for p in query.params if p.name in FY_2024}
    everyone = Registry().run(sample_con, name, {**params, "departments": "NPT-CAN,CYB"})
    scoped = Registry().run(sample_con, name, {**params, "departments": "NPT-CAN,CYB", "allowed_departments": "CYB"})
    assert set(everyone["department"]) >= {"Cyber Crime Unit", "Canterbury Neighbourhood Policing Team"}
    assert set(scoped["department"]) == {"Cyber Crime Unit"}
    nothing = Registry().run(sample_con, name, {**params, "allowed_departments": "(none)"})
    assert nothing.empty


def test_a_scoped_viewer_sees_no_quarantined_rows(sample_con):
    assert Registry().run(sample_con, "quarantined_rows", {"allowed_departments": "CYB"}).empty
