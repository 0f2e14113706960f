"""Aggregates that pages read instead of scanning every payment and ticket; rebuilt by each import.

Pages read spend through the table macro `spend_in(date_from, date_to, departments, services)`: whole months
inside the period come from `spend_monthly`, and only the ragged ends of a custom period from `spend` itself,
so that the figures are exact for any period and still fast at millions of payments. Each payment is also
classified there as on contract or not (its supplier held a contract for its service live on its paid date).
Figures that need only month, department and service read `spend_totals_in(...)` instead, the same over
`spend_totals_monthly` (spend_monthly without supplier, expense type, capital/revenue and contract: a
hundredth of its rows).

Tickets are counted from two daily aggregates, `tickets_logged_daily` (by the day logged) and
`tickets_finished_daily` (by the day resolved or closed); their medians and percentiles, and the tickets open
on a given day, come from `ticket_times`, one slim row per ticket ordered by the time it stopped being open,
so that a period reads only its own stretch of the table.

The named queries read these through macros (bsdash.store.macros) that say each repeated filter once: the
shared filters (`among`, `with_it_support`), the tickets logged, resolved or open in a period, the payments and
tickets behind a clicked bar, and the suppliers of a service ranked for concentration and tail spend.

A spend import refreshes only the months its payments fall in (they are complete in `spend`); everything else
is rebuilt whole. `VERSION` changes whenever these tables change shape: a database built by an older bsdash is
brought up to date the next time it is opened (see bsdash.db).
"""

from datetime import date, timedelta

import duckdb

from bsdash.store import macros

VERSION = "4"

_ON_CONTRACT = """exists (
        select 1 from contracts as c
        where c.supplier_id = p.supplier_id and c.service_id = p.service_id
          and p.paid_date between c.start_date and c.end_date
    )"""
_SPEND_MONTHLY_SELECT = f"""
    select date_trunc('month', p.paid_date)::date as month, p.department_id, p.source_department, p.service_id,
           p.supplier_id, p.expense_type, p.capital_revenue, {_ON_CONTRACT} as on_contract,
           sum(p.amount) as amount, count(*) as payments
    from spend as p
"""
SPEND_MONTHLY = f"create or replace table spend_monthly as {_SPEND_MONTHLY_SELECT} group by all order by month"
# After a spend import: only the months its payments fall in change.
SPEND_MONTHLY_MONTHS = f"""
    insert into spend_monthly
    {_SPEND_MONTHLY_SELECT}
    where p.paid_date between $first and $last and list_contains($months, date_trunc('month', p.paid_date)::date)
    group by all
    order by month
"""

# The same without supplier, expense type, capital/revenue or contract: a hundredth of the rows, for the many
# figures that need only month, department and service (totals, shares, trends, budgets).
SPEND_TOTALS_MONTHLY = """
    create or replace table spend_totals_monthly as
    select month, department_id, case when department_id is null then source_department end as source_department,
           service_id, sum(amount) as amount, sum(payments) as payments
    from spend_monthly
    group by all
    order by month
"""

# The days of a period before its first whole month and after its last one (all of them when it holds no whole
# month), as two ranges of paid_date, so that only those days of `spend` are read.
_RAGGED_ENDS = """(
        p.paid_date between date_from and least(
            date_to,
            case when day(date_from) = 1 then date_from
                 else (date_trunc('month', date_from) + interval 1 month)::date end - 1)
        or p.paid_date between greatest(
            case when date_to = last_day(date_to) then date_to
                 else date_trunc('month', date_to)::date - 1 end + 1,
            case when day(date_from) = 1 then date_from
                 else (date_trunc('month', date_from) + interval 1 month)::date end) and date_to
    )"""

SPEND_IN = f"""
    create or replace macro spend_in(date_from, date_to, departments, services) as table
    select month, department_id, source_department, service_id, supplier_id, expense_type, capital_revenue,
           on_contract, amount, payments
    from spend_monthly
    where month >= date_from and last_day(month) <= date_to
      and among(departments, department_id) and among(services, service_id)
    union all
    -- The ragged ends, read from the payments themselves.
    select date_trunc('month', p.paid_date)::date, p.department_id, p.source_department, p.service_id,
           p.supplier_id, p.expense_type, p.capital_revenue, {_ON_CONTRACT}, sum(p.amount), count(*)
    from spend as p
    where {_RAGGED_ENDS}
      and among(departments, p.department_id) and among(services, p.service_id)
    group by all
"""
# spend_in with month, department (the export's label where unmapped) and service only, from the narrow table:
# a query that needs no more reads a hundredth of the rows and is planned in half the time. A period of whole
# months (every financial year) reads no payment at all.
SPEND_TOTALS_IN = f"""
    create or replace macro spend_totals_in(date_from, date_to, departments, services) as table
    select month, department_id, source_department, service_id, amount, payments
    from spend_totals_monthly
    where month >= date_from and last_day(month) <= date_to
      and among(departments, department_id) and among(services, service_id)
    union all
    select date_trunc('month', p.paid_date)::date, p.department_id,
           case when p.department_id is null then p.source_department end, p.service_id, sum(p.amount), count(*)
    from spend as p
    where (day(date_from) <> 1 or date_to <> last_day(date_to))
      and {_RAGGED_ENDS}
      and among(departments, p.department_id) and among(services, p.service_id)
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
      and among(departments, b.department_id) and among(services, b.service_id)
"""

# The label a ticket of no known department is counted under: the export's own, kept only when unmapped.
_TICKET_LABEL = "case when department_id is null then source_department end as source_department"
TICKETS_LOGGED_DAILY = f"""
    create or replace table tickets_logged_daily as
    select opened_at::date as day, department_id, {_TICKET_LABEL}, priority,
           count(*) as tickets,
           count(*) filter (where first_contact_resolution) as at_first_contact,
           count(first_contact_resolution) as first_contact_known
    from tickets
    group by all
    order by day
"""
TICKETS_FINISHED_DAILY = f"""
    create or replace table tickets_finished_daily as
    select coalesce(resolved_at, closed_at)::date as day, department_id, {_TICKET_LABEL}, priority,
           coalesce(state in ('resolved', 'closed'), true) as resolved,  -- no state given: its times say
           count(*) as tickets,
           count(sla_met) as with_sla_outcome,
           count(*) filter (where sla_met) as within_sla,
           count(*) filter (where reopen_count > 0) as reopened,
           count(reopen_count) as reopen_known,
           count(*) filter (where reassignment_count = 0) as first_assignment,
           count(reassignment_count) as reassignment_known,
           count(*) filter (where state = 'closed') as closed,
           count(satisfaction_score) as survey_answers,
           sum(satisfaction_score) as satisfaction_total
    from tickets
    where coalesce(resolved_at, closed_at) is not null
    group by all
    order by day
"""
TICKET_TIMES = f"""
    create or replace table ticket_times as
    select opened_at,
           coalesce(resolved_at, closed_at, timestamp '9999-12-31') as open_until,
           resolved_at::date as resolved_day,
           coalesce(state in ('resolved', 'closed'), coalesce(resolved_at, closed_at) is not null) as resolved,
           department_id, {_TICKET_LABEL}, priority,
           date_diff('second', opened_at, resolved_at) / 3600 as hours_to_resolve,
           date_diff('second', opened_at, assigned_at) / 3600 as hours_to_assign,
           date_diff('second', assigned_at, resolved_at) / 3600 as hours_assigned_to_resolved,
           date_diff('second', resolved_at, closed_at) / 3600 as hours_to_close
    from tickets
    order by open_until
"""

AGGREGATES = {
    "spend": [SPEND_MONTHLY, SPEND_TOTALS_MONTHLY],
    "contracts": [SPEND_MONTHLY, SPEND_TOTALS_MONTHLY],  # which payments are on contract
    "tickets": [TICKETS_LOGGED_DAILY, TICKETS_FINISHED_DAILY, TICKET_TIMES],
}
TABLES = ("spend_monthly", "spend_totals_monthly", "tickets_logged_daily", "tickets_finished_daily", "ticket_times")
# In the order they use one another: the filters first, then spend_in, then what reads it.
MACROS = [macros.AMONG, macros.WITH_IT_SUPPORT, SPEND_IN, SPEND_TOTALS_IN, BUDGET_IN, *macros.READING]


def refresh(con: duckdb.DuckDBPyConnection, table: str, import_id: int | None = None) -> None:
    """Rebuild the aggregates that depend on `table` (inside the caller's transaction).

    With the `import_id` of a spend import, only the months its payments fall in are rebuilt.
    """
    if table == "spend" and import_id is not None:
        months = [
            row[0]
            for row in con.execute(
                "select distinct date_trunc('month', paid_date)::date from spend where import_id = $id order by 1",
                {"id": import_id},
            ).fetchall()
        ]
        if months:
            con.execute("delete from spend_monthly where list_contains($months, month)", {"months": months})
            con.execute(SPEND_MONTHLY_MONTHS, {"months": months, "first": months[0], "last": _last_day(months[-1])})
            con.execute(SPEND_TOTALS_MONTHLY)  # from spend_monthly: a second
        return
    for statement in AGGREGATES.get(table, []):
        con.execute(statement)


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    for statement in MACROS:
        con.execute(statement)


def refresh_all(con: duckdb.DuckDBPyConnection) -> None:
    for statement in dict.fromkeys(s for statements in AGGREGATES.values() for s in statements):
        con.execute(statement)
    create_macros(con)
    con.execute(
        "insert into bsdash_meta values ('aggregates_version', $v) on conflict (key) do update set value = $v",
        {"v": VERSION},
    )


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the aggregates were built by this version of bsdash."""
    rows = con.execute("select value from bsdash_meta where key = 'aggregates_version'").fetchall()
    return bool(rows) and rows[0][0] == VERSION


def _last_day(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
