-- spend_by_department: Spend per department in the period, and per FTE
-- Spend per FTE = spend / (officer FTE + staff FTE). Payments whose cost centre is not mapped to a
-- department are shown as "Unmapped: <the export's label>", with no FTE; those whose export names no department
-- as "Not given".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with spend_in_period as (
    select
        department_id,
        case when department_id is null then source_department end as unmapped_label,
        sum(amount) as amount,
        sum(payments) as payments
    from spend_totals_in($date_from, $date_to, $departments, $services)
    group by all
)

select
    p.department_id,
    coalesce(d.name, 'Unmapped: ' || p.unmapped_label, 'Not given') as department,
    d.kind,
    d.officer_fte + d.staff_fte as total_fte,
    p.amount,
    p.payments,
    p.amount / nullif(d.officer_fte + d.staff_fte, 0) as amount_per_fte
from spend_in_period as p
left join departments as d on p.department_id = d.department_id
order by p.amount desc
