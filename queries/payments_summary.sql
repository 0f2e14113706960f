-- payments_summary: How many payments are behind a figure, and their total
-- The same payments as the named query payments lists (the filters and what was clicked), all of them.
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
select count(*) as payments, coalesce(sum(amount), 0) as amount
from payments_behind(
    $date_from, $date_to, $departments, $services, $allowed_departments,
    $service, $supplier, $expense_type, $month, $department, $capital_revenue
)
