-- spend_by_expense_type: Spend per expense type (subjective heading) and service in the period
-- Payments whose export gives no expense type count under "Not given".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    coalesce(p.expense_type, 'Not given') as expense_type,
    coalesce(s.name, 'Unmapped') as service,
    sum(p.amount) as amount,
    sum(p.payments) as payments
from spend_in($date_from, $date_to, $departments, $services) as p
left join services as s on p.service_id = s.service_id
group by all
order by amount desc
