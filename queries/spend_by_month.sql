-- spend_by_month: Spend per month and service type in the period
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    p.month,
    p.service_id,
    coalesce(s.name, 'Unmapped') as service,
    sum(p.amount) as amount,
    sum(p.payments) as payments
from spend_totals_in($date_from, $date_to, $departments, $services) as p
left join services as s on p.service_id = s.service_id
group by all
order by p.month, service
