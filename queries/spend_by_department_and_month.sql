-- spend_by_department_and_month: Spend per department and month in the period: the history the outturn is forecast from
-- Payments whose cost centre is not mapped to a department are shown as "Unmapped: <the export's label>", as in
-- spend_by_department, so that the departments add up to the whole.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    p.month,
    p.department_id,
    coalesce(d.name, 'Unmapped: ' || case when p.department_id is null then p.source_department end) as department,
    sum(p.amount) as amount
from spend_totals_in($date_from, $date_to, $departments, $services) as p
left join departments as d on p.department_id = d.department_id
group by all
order by p.month, department
