-- sla_compliance_by_department: SLA compliance, time to resolve and demand per department
-- SLA compliance = tickets resolved within target / tickets resolved in the period. Tickets per 100 FTE =
-- tickets logged in the period / the department's officer and staff FTE x 100. Tickets whose caller's department
-- is not mapped are shown under the export's label, those with no department as "Not recorded".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with counts as (
    select department_id, source_department, tickets as tickets_logged, 0 as tickets_resolved, 0 as resolved_within_sla
    from tickets_logged_in($date_from, $date_to, $departments, $services)
    union all
    select department_id, source_department, 0, with_sla_outcome, within_sla
    from tickets_resolved_in($date_from, $date_to, $departments, $services)
),

per_department as (
    select
        department_id,
        source_department,
        sum(tickets_logged)::bigint as tickets_logged,
        sum(tickets_resolved)::bigint as tickets_resolved,
        sum(resolved_within_sla)::bigint as resolved_within_sla
    from counts
    group by all
),

times as (
    select
        department_id,
        source_department,
        quantile_cont(hours_to_resolve, [0.5, 0.9]) as hours  -- the median and the 90th percentile in one pass
    from ticket_times_resolved_in($date_from, $date_to, $departments, $services)
    group by all
)

select
    p.department_id,
    coalesce(d.name, 'Unmapped: ' || p.source_department, 'Not recorded') as department,
    d.officer_fte + d.staff_fte as total_fte,
    p.tickets_logged,
    100 * p.tickets_logged / nullif(d.officer_fte + d.staff_fte, 0) as tickets_per_100_fte,
    p.tickets_resolved,
    p.resolved_within_sla / nullif(p.tickets_resolved, 0) as sla_compliance,
    t.hours[1] as median_hours_to_resolve,
    t.hours[2] as p90_hours_to_resolve
from per_department as p
left join departments as d on p.department_id = d.department_id
left join times as t
    on p.department_id is not distinct from t.department_id
    and p.source_department is not distinct from t.source_department
where p.tickets_logged > 0 or p.tickets_resolved > 0
order by p.tickets_logged desc
