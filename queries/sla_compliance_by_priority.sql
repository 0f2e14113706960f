-- sla_compliance_by_priority: SLA compliance and time to resolve per priority, against target
-- SLA compliance = tickets resolved within the priority's target / tickets resolved in the period.
-- Time to resolve = resolved - opened, in hours: the median and the 90th percentile (a mean hides the tail).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with resolved as (
    select
        priority,
        sum(tickets)::bigint as tickets_resolved,
        sum(within_sla)::bigint as resolved_within_sla,
        sum(with_sla_outcome)::bigint as with_sla_outcome
    from tickets_resolved_in($date_from, $date_to, $departments, $services)
    group by all
),

times as (
    select
        priority,
        quantile_cont(hours_to_resolve, [0.5, 0.9]) as hours  -- the median and the 90th percentile in one pass
    from ticket_times_resolved_in($date_from, $date_to, $departments, $services)
    where resolved
    group by all
)

select
    g.priority,
    g.name as priority_name,
    g.resolve_within_hours as target_hours,
    g.compliance_target_pct / 100 as compliance_target,
    coalesce(r.tickets_resolved, 0) as tickets_resolved,
    coalesce(r.resolved_within_sla, 0) as resolved_within_sla,
    r.resolved_within_sla / nullif(r.with_sla_outcome, 0) as sla_compliance,
    t.hours[1] as median_hours_to_resolve,
    t.hours[2] as p90_hours_to_resolve
from sla_targets as g
left join resolved as r on g.priority = r.priority
left join times as t on g.priority = t.priority
order by g.priority
