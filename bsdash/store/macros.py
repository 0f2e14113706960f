"""The SQL vocabulary the named queries share: each filter or selection that several queries repeat, said once
as a DuckDB macro (created with the aggregates, see bsdash.store.aggregates).

Parameters of a macro are named so that they cannot be mistaken for a column (`one_service`, not `service`).
"""

# The filters every query applies, said once. "All" is null: a null list chooses everything.
AMONG = "create or replace macro among(chosen, value) as (chosen is null or list_contains(chosen, value))"
# Tickets are IT support's: they count only when IT support is among the services chosen.
WITH_IT_SUPPORT = (
    "create or replace macro with_it_support(services) as (services is null or list_contains(services, 'it_support'))"
)
TICKETS_LOGGED_IN = """
    create or replace macro tickets_logged_in(date_from, date_to, departments, services) as table
    select * from tickets_logged_daily
    where day between date_from and date_to and among(departments, department_id) and with_it_support(services)
"""
TICKETS_RESOLVED_IN = """
    create or replace macro tickets_resolved_in(date_from, date_to, departments, services) as table
    select * from tickets_finished_daily
    where resolved and day between date_from and date_to
      and among(departments, department_id) and with_it_support(services)
"""
# A ticket resolved in the period stopped being open then: the period's stretch of ticket_times.
TICKET_TIMES_RESOLVED_IN = """
    create or replace macro ticket_times_resolved_in(date_from, date_to, departments, services) as table
    select * from ticket_times
    where resolved_day is not null
      and open_until >= date_from and open_until < date_to::date + interval 1 day
      and among(departments, department_id) and with_it_support(services)
"""
# Open at the end of a day: logged by then and neither resolved nor closed by then.
TICKETS_OPEN_AT = """
    create or replace macro tickets_open_at(day, departments, services) as table
    select * from ticket_times
    where opened_at < day::date + interval 1 day and open_until >= day::date + interval 1 day
      and among(departments, department_id) and with_it_support(services)
"""
# The payments behind a figure: the filters, and what a click narrowed to (null: not narrowed). `row_id` is the
# payment's place in the spend table, by which a listing finds again the few rows it chose.
PAYMENTS_BEHIND = """
    create or replace macro payments_behind(date_from, date_to, departments, services, allowed_departments,
                                            one_service, one_supplier, one_expense_type, one_month, one_department,
                                            one_capital_revenue) as table
    select p.rowid as row_id, p.*
    from spend as p
    where p.paid_date between date_from and date_to
      and among(departments, p.department_id) and among(services, p.service_id)
      and among(allowed_departments, p.department_id)
      and (one_service is null or p.service_id = one_service or (one_service = 'unmapped' and p.service_id is null))
      and (one_supplier is null or p.supplier_id = one_supplier)
      and (one_expense_type is null or coalesce(p.expense_type, 'Not given') = one_expense_type)
      and (one_month is null or date_trunc('month', p.paid_date) = one_month)
      and (one_department is null or p.department_id = one_department)
      and (one_capital_revenue is null or coalesce(p.capital_revenue, 'Not given') = one_capital_revenue)
"""
# The tickets behind a figure: logged in the period (the default), resolved in it, or open at the end of a day
# (`which`), with what a click narrowed to. Each as the daily aggregates and ticket_times count them.
TICKETS_BEHIND = """
    create or replace macro tickets_behind(date_from, date_to, departments, services, allowed_departments, which,
                                           one_month, one_department, one_priority, open_on, age_from, age_to,
                                           used_from, used_to) as table
    select t.*,
           date_diff('minute', t.opened_at, open_on::date + interval 1 day) / 60 / g.resolve_within_hours
               as sla_used
    from tickets as t
    join sla_targets as g on t.priority = g.priority
    where among(departments, t.department_id) and with_it_support(services)
      and among(allowed_departments, t.department_id)
      and (one_department is null or t.department_id = one_department)
      and (one_priority is null or t.priority = one_priority)
      and case coalesce(which, 'logged')
          when 'open' then
              t.opened_at < open_on::date + interval 1 day
              and coalesce(t.resolved_at, t.closed_at, timestamp '9999-12-31') >= open_on::date + interval 1 day
              and (age_from is null or date_diff('day', t.opened_at::date, open_on::date) between age_from and age_to)
              and (used_from is null or (
                  date_diff('minute', t.opened_at, open_on::date + interval 1 day) / 60 / g.resolve_within_hours
                      >= used_from
                  and date_diff('minute', t.opened_at, open_on::date + interval 1 day) / 60 / g.resolve_within_hours
                      < used_to))
          when 'resolved' then
              coalesce(t.state in ('resolved', 'closed'), true)  -- no state given: its times say
              and coalesce(t.resolved_at, t.closed_at)::date between date_from and date_to
          else
              t.opened_at::date between date_from and date_to
              and (one_month is null or date_trunc('month', t.opened_at) = one_month)
      end
"""
# Suppliers of each service (or of the whole selection), largest first, with the running share before each:
# the head is the suppliers that reach 80 % of the spend, the one that crosses 80 % included; the tail the rest.
SUPPLIER_RANKING = """
    create or replace macro supplier_ranking(date_from, date_to, departments, services, by_service) as table
    with by_supplier as (
        select case when by_service then p.service_id end as service_id, p.supplier_id,
               greatest(sum(p.amount), 0) as amount
        from spend_in(date_from, date_to, departments, services) as p
        where p.service_id is not null
        group by all
    )
    select
        service_id,
        supplier_id,
        amount,
        amount / nullif(sum(amount) over (partition by service_id), 0) as share,
        row_number() over (partition by service_id order by amount desc, supplier_id) as position,
        coalesce(sum(amount) over (
            partition by service_id order by amount desc, supplier_id
            rows between unbounded preceding and 1 preceding
        ), 0) / nullif(sum(amount) over (partition by service_id), 0) as share_before
    from by_supplier
"""

# After spend_in and the aggregates: these read them.
READING = [
    TICKETS_LOGGED_IN,
    TICKETS_RESOLVED_IN,
    TICKET_TIMES_RESOLVED_IN,
    TICKETS_OPEN_AT,
    PAYMENTS_BEHIND,
    TICKETS_BEHIND,
    SUPPLIER_RANKING,
]
