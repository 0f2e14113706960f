-- spend_by_department_and_service: Spend per department and service type, and per FTE
-- Spend per FTE = spend / (officer FTE + staff FTE). Only departments of the establishment (payments to
-- unmapped cost centres have no FTE to divide by).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with spend_in_period as (
    select department_id, service_id, sum(amount) as amount
    from spend_totals_in($date_from, $date_to, $departments, $services)
    where department_id is not null and service_id is not null
    group by all
)

select
    d.department_id,
    d.name as department,
    d.kind,
    s.service_id,
    s.name as service,
    d.officer_fte + d.staff_fte as total_fte,
    coalesce(p.amount, 0) as amount,
    coalesce(p.amount, 0) / nullif(d.officer_fte + d.staff_fte, 0) as amount_per_fte
from departments as d
cross join services as s
left join spend_in_period as p on d.department_id = p.department_id and s.service_id = p.service_id
where among($departments, d.department_id)
  and among($services, s.service_id)
order by d.name, s.name
