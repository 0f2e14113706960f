-- tickets_by_month: Tickets logged and resolved per month, with SLA compliance of those resolved
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with chosen as (
    select opened_at, coalesce(resolved_at, closed_at) as finished_at, state, sla_met
    from tickets
    where ($departments is null or list_contains($departments, department_id))
      and ($services is null or list_contains($services, 'it_support'))
),

logged as (
    select date_trunc('month', opened_at)::date as month, count(*) as tickets_logged
    from chosen
    where opened_at::date between $date_from and $date_to
    group by all
),

resolved as (
    select
        date_trunc('month', finished_at)::date as month,
        count(*) filter (where sla_met is not null) as tickets_resolved,
        count(*) filter (where sla_met) as resolved_within_sla
    from chosen
    where state in ('resolved', 'closed') and finished_at::date between $date_from and $date_to
    group by all
)

select
    coalesce(l.month, r.month) as month,
    coalesce(l.tickets_logged, 0) as tickets_logged,
    coalesce(r.tickets_resolved, 0) as tickets_resolved,
    r.resolved_within_sla / nullif(r.tickets_resolved, 0) as sla_compliance
from logged as l
full join resolved as r on l.month = r.month
order by month
