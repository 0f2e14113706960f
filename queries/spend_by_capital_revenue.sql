-- spend_by_capital_revenue: Capital and revenue spend per month in the period
-- Payments whose export does not say capital or revenue count under "Not given".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    p.month,
    coalesce(p.capital_revenue, 'Not given') as capital_revenue,
    sum(p.amount) as amount,
    sum(p.payments) as payments
from spend_in($date_from, $date_to, $departments, $services) as p
group by all
order by p.month, capital_revenue
