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
        t.priority,
        t.sla_met,
        date_diff('second', t.opened_at, t.resolved_at) / 3600 as hours_to_resolve
    from tickets as t
    where t.state in ('resolved', 'closed')
      and coalesce(t.resolved_at, t.closed_at)::date between $date_from and $date_to
      and ($departments is null or list_contains($departments, t.department_id))
      and ($services is null or list_contains($services, 'it_support'))
)

select
    g.priority,
    g.name as priority_name,
    g.resolve_within_hours as target_hours,
    g.compliance_target_pct / 100 as compliance_target,
    count(r.priority) as tickets_resolved,
    count(*) filter (where r.sla_met) as resolved_within_sla,
    count(*) filter (where r.sla_met) / nullif(count(r.sla_met), 0) as sla_compliance,
    median(r.hours_to_resolve) as median_hours_to_resolve,
    quantile_cont(r.hours_to_resolve, 0.9) as p90_hours_to_resolve
from sla_targets as g
left join resolved as r on g.priority = r.priority
group by all
order by g.priority
