-- ticket_outcomes_by_window_month: IT tickets in equal windows around a change date, month by month, by arm
-- Window month 0 starts on $change_date; -1 is the month before it, and so on ($window_months each side).
-- Arm "changed" = tickets handled by teams not in-house (collaborated or external providers), "comparison" =
-- tickets handled by in-house teams, which a change of supplier leaves as they were. SLA compliance and
-- time to resolve are of the tickets logged in the month that have been resolved; teams lists who handled them.
--
-- $change_date date: the day the provider changed
-- $window_months integer: months on each side of the change
-- $departments varchar[] optional: department codes of the people raising tickets; all when not given
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

chosen as (
    select t.opened_at, t.resolved_at, t.sla_met, t.provider_type, t.assignment_group
    from tickets as t
    where t.opened_at >= $change_date - to_months($window_months)
      and t.opened_at < $change_date + to_months($window_months)
      and t.provider_type is not null
      and t.state <> 'cancelled'
      and among($departments, t.department_id)
)

select
    d.window_month,
    d.month_from,
    case when c.provider_type = 'internal' then 'comparison' else 'changed' end as arm,
    count(*) as tickets_logged,
    count(c.sla_met) as tickets_resolved,
    avg(c.sla_met::integer) as sla_compliance,
    median(date_diff('second', c.opened_at, c.resolved_at) / 3600) as median_hours_to_resolve,
    string_agg(distinct c.assignment_group, ', ' order by c.assignment_group) as teams
from chosen as c
join days as d on c.opened_at::date = d.day
group by all
order by d.window_month, arm
