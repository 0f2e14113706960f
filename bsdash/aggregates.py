"""Monthly aggregates that pages read instead of scanning every payment; rebuilt by each import.

Pages read spend through the table macro `spend_in(date_from, date_to, departments, services)`: whole months
inside the period come from `spend_monthly`, and only the ragged ends of a custom period from `spend` itself,
so that the figures are exact for any period and still fast at millions of payments.
"""

import duckdb

SPEND_MONTHLY = """
    create or replace table spend_monthly as
    select date_trunc('month', paid_date)::date as month, department_id, source_department, service_id,
           supplier_id, expense_type, capital_revenue, sum(amount) as amount, count(*) as payments
    from spend
    group by all
    order by month
"""

SPEND_IN = """
    create or replace macro spend_in(date_from, date_to, departments, services) as table
    select month, department_id, source_department, service_id, supplier_id, expense_type, capital_revenue,
           amount, payments
    from spend_monthly
    where month >= date_from and last_day(month) <= date_to
      and (departments is null or list_contains(departments, department_id))
      and (services is null or list_contains(services, service_id))
    union all
    select date_trunc('month', paid_date)::date, department_id, source_department, service_id, supplier_id,
           expense_type, capital_revenue, sum(amount), count(*)
    from spend
    where paid_date between date_from and date_to
      and not (date_trunc('month', paid_date) >= date_from and last_day(paid_date) <= date_to)
      and (departments is null or list_contains(departments, department_id))
      and (services is null or list_contains(services, service_id))
    group by all
"""

# A period's budget: each financial year's budget in proportion to the days of that year inside the period.
BUDGET_IN = """
    create or replace macro budget_in(date_from, date_to, departments, services) as table
    select
        b.department_id,
        b.service_id,
        b.budget * greatest(0, least(date_to::date, y.last_day) - greatest(date_from::date, y.first_day) + 1)
            / (y.last_day - y.first_day + 1) as budget
    from budgets as b,
        lateral (select make_date(left(b.financial_year, 4)::integer, 4, 1) as first_day,
                        make_date(left(b.financial_year, 4)::integer + 1, 3, 31) as last_day) as y
    where y.first_day <= date_to and y.last_day >= date_from
      and (departments is null or list_contains(departments, b.department_id))
      and (services is null or list_contains(services, b.service_id))
"""

AGGREGATES = {"spend": [SPEND_MONTHLY]}
MACROS = [SPEND_IN, BUDGET_IN]


def refresh(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Rebuild the aggregates that depend on `table` (inside the caller's transaction)."""
    for statement in AGGREGATES.get(table, []):
        con.execute(statement)


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    for statement in MACROS:
        con.execute(statement)


def refresh_all(con: duckdb.DuckDBPyConnection) -> None:
    for table in AGGREGATES:
        refresh(con, table)
    create_macros(con)
