-- tickets_by_month: Tickets logged and resolved per month, with SLA compliance of those resolved
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with logged as (
    select date_trunc('month', day)::date as month, sum(tickets)::bigint as tickets_logged
    from tickets_logged_in($date_from, $date_to, $departments, $services)
    group by all
),

resolved as (
    select
        date_trunc('month', day)::date as month,
        sum(with_sla_outcome)::bigint as tickets_resolved,
        sum(within_sla)::bigint as resolved_within_sla
    from tickets_resolved_in($date_from, $date_to, $departments, $services)
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
