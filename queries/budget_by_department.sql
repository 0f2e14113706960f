-- budget_by_department: Budget against actual spend per department, with the variance to date
-- Budget for the period = each financial year's budget in proportion to the period's days in that year.
-- Budget to date = the period's budget x the share of its days up to $as_at. Variance to date = actual - budget
-- to date. The forecast outturn beside it on Spend & budgets is the backtested method's (bsdash.analysis.outturn),
-- the same figure as on the Overview and Forecasts pages.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $as_at date: the payments' last day (the budget to date runs to it)
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with span as (
    select
        ($date_to::date - $date_from::date + 1) as days_total,
        greatest(0, least($as_at::date, $date_to::date) - $date_from::date + 1) as days_elapsed
),

budget_in_period as (
    select department_id, sum(budget) as budget
    from budget_in($date_from, $date_to, $departments, $services)
    group by all
),

actual as (
    select department_id, sum(amount) as actual
    from spend_totals_in($date_from, $date_to, $departments, $services)
    where department_id is not null
    group by all
),

combined as (
    select
        d.department_id,
        d.name as department,
        coalesce(b.budget, 0) as budget,
        coalesce(b.budget, 0) * s.days_elapsed / s.days_total as budget_to_date,
        coalesce(a.actual, 0) as actual
    from departments as d
    cross join span as s
    left join budget_in_period as b on d.department_id = b.department_id
    left join actual as a on d.department_id = a.department_id
    where among($departments, d.department_id)
      and (b.budget is not null or a.actual is not null)
)

select
    department_id,
    department,
    budget,
    budget_to_date,
    actual,
    actual - budget_to_date as variance_to_date
from combined
order by variance_to_date desc
