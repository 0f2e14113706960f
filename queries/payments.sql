-- payments: The payments behind a figure: every payment matching the filters and the chosen bar
-- The optional parameters narrow to what was clicked: a service, a supplier, an expense type, a month, a
-- department, or capital/revenue. At most $row_limit payments, largest first (the same size in the spend
-- table's order); payments_summary counts and adds up all of them. What the export did not give shows as "Not
-- given" (an expense type, capital or revenue, a department, a transaction number: such a payment is keyed by its
-- content).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
-- $service varchar optional: only this service code ('unmapped' for payments with no service)
-- $supplier varchar optional: only this supplier code
-- $expense_type varchar optional: only this expense type
-- $month date optional: only payments in the month starting on this day
-- $department varchar optional: only this department code
-- $capital_revenue varchar optional: only capital or only revenue
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
-- $row_limit integer: how many payments at most
-- Only the size and place of every payment are sorted; the rows listed are then read whole, by their place.
with listed as (
    select row_id, abs(amount) as size
    from payments_behind(
        $date_from, $date_to, $departments, $services, $allowed_departments,
        $service, $supplier, $expense_type, $month, $department, $capital_revenue
    )
    order by size desc, row_id
    limit $row_limit
)

select
    case when p.key_from_content then 'Not given' else p.transaction_number end as transaction_number,
    p.paid_date,
    coalesce(d.name, 'Unmapped: ' || p.source_department, 'Not given') as department,
    coalesce(s.name, 'Unmapped') as service,
    coalesce(p.expense_type, 'Not given') as expense_type,
    p.supplier_name as supplier,
    coalesce(p.capital_revenue, 'Not given') as capital_revenue,
    p.amount
from spend as p
left join departments as d on p.department_id = d.department_id
left join services as s on p.service_id = s.service_id
where p.rowid in (select row_id from listed) and p.paid_date between $date_from and $date_to
order by abs(p.amount) desc, p.rowid
