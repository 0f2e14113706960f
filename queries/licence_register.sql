-- licence_register: Software licences: seats bought and in use, annual cost and renewal
-- Shelfware = seats bought but not in use x cost per seat. True-up exposure = seats in use beyond those bought x
-- cost per seat. Force-wide licences have no department and show whatever departments are chosen.
--
-- $departments varchar[] optional: department codes; all departments when not given
select
    l.licence_id,
    l.product,
    p.name as supplier,
    coalesce(d.name, 'Force-wide') as department,
    l.licence_model,
    l.seats_purchased,
    l.seats_active,
    l.cost_per_seat,
    l.seats_purchased * l.cost_per_seat as annual_cost,
    greatest(l.seats_purchased - l.seats_active, 0) * l.cost_per_seat as shelfware_value,
    greatest(l.seats_active - l.seats_purchased, 0) * l.cost_per_seat as true_up_exposure,
    l.renewal_date
from licences as l
left join suppliers as p on l.supplier_id = p.supplier_id
left join departments as d on l.department_id = d.department_id
where l.department_id is null or among($departments, l.department_id)
order by l.renewal_date
