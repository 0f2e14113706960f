-- cost_per_unit_by_window_month: A service's spend per ticket (IT) or per job (others) in equal windows around a change
-- Spend = payments for the service in the month. Units = IT tickets logged (for IT support) or the volume the
-- service's monthly level is based on (jobs, vehicles, meals, places, requests). Departments narrow both the
-- payments and the tickets; service levels are force-wide.
--
-- $change_date date: the day the provider changed
-- $window_months integer: months on each side of the change
-- $service varchar: the service code
-- $departments varchar[] optional: department codes; all departments when not given
with months as (
    select
        w.k::integer as window_month,
        ($change_date + to_months(w.k::integer))::date as month_from,
        ($change_date + to_months(w.k::integer + 1))::date as month_to
    from range(-$window_months, $window_months) as w (k)
),

-- Every day of the windows with its window month, so that rows find their month by an equal join on the day.
days as (
    select m.window_month, m.month_from, d.day::date as day
    from months as m, range(m.month_from, m.month_to, interval 1 day) as d (day)
),

paid as (
    select d.window_month, sum(p.amount) as amount
    from spend as p
    join days as d on p.paid_date = d.day
    where p.paid_date >= $change_date - to_months($window_months) and p.paid_date < $change_date + to_months($window_months)
      and p.service_id = $service
      and among($departments, p.department_id)
    group by all
),

units as (
    select d.window_month, count(*) as units
    from tickets as t
    join days as d on t.opened_at::date = d.day
    where $service = 'it_support' and t.state <> 'cancelled'
      and t.opened_at >= $change_date - to_months($window_months)
      and t.opened_at < $change_date + to_months($window_months)
      and among($departments, t.department_id)
    group by all
    union all
    select m.window_month, sum(k.volume)
    from service_kpis as k
    join months as m on k.month >= m.month_from and k.month < m.month_to
    where $service <> 'it_support' and k.service_id = $service
    group by all
)

select
    m.window_month,
    m.month_from,
    p.amount,
    u.units,
    p.amount / nullif(u.units, 0) as cost_per_unit
from months as m
left join paid as p on m.window_month = p.window_month
left join units as u on m.window_month = u.window_month
order by m.window_month
