-- sla_compliance_by_department: SLA compliance, time to resolve and demand per department
-- SLA compliance = tickets resolved within target / tickets resolved in the period. Tickets per 100 FTE =
-- tickets logged in the period / the department's officer and staff FTE x 100. Tickets whose caller's department
-- is not mapped are shown under the export's label, those with no department as "Not recorded".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with chosen as (
    select
        t.*,
        coalesce(t.resolved_at, t.closed_at) as finished_at,
        case when t.department_id is null then coalesce('Unmapped: ' || t.source_department, 'Not recorded') end
            as unmapped_label
    from tickets as t
    where ($departments is null or list_contains($departments, t.department_id))
      and ($services is null or list_contains($services, 'it_support'))
),

per_department as (
    select
        department_id,
        unmapped_label,
        count(*) filter (where opened_at::date between $date_from and $date_to) as tickets_logged,
        count(sla_met) filter (
            where state in ('resolved', 'closed') and finished_at::date between $date_from and $date_to
        ) as tickets_resolved,
        count(*) filter (
            where sla_met and state in ('resolved', 'closed') and finished_at::date between $date_from and $date_to
        ) as resolved_within_sla,
        median(date_diff('second', opened_at, resolved_at) / 3600) filter (
            where resolved_at::date between $date_from and $date_to
        ) as median_hours_to_resolve,
        quantile_cont(date_diff('second', opened_at, resolved_at) / 3600, 0.9) filter (
            where resolved_at::date between $date_from and $date_to
        ) as p90_hours_to_resolve
    from chosen
    group by all
)

select
    p.department_id,
    coalesce(d.name, p.unmapped_label) as department,
    d.officer_fte + d.staff_fte as total_fte,
    p.tickets_logged,
    100 * p.tickets_logged / nullif(d.officer_fte + d.staff_fte, 0) as tickets_per_100_fte,
    p.tickets_resolved,
    p.resolved_within_sla / nullif(p.tickets_resolved, 0) as sla_compliance,
    p.median_hours_to_resolve,
    p.p90_hours_to_resolve
from per_department as p
left join departments as d on p.department_id = d.department_id
where p.tickets_logged > 0 or p.tickets_resolved > 0
order by p.tickets_logged desc
