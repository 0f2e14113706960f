-- spend_by_service: Spend per service type in the period, with its share of the total
-- Spend is the sum of payments (credits net off). Payments not yet mapped to a service are shown as
-- "Unmapped".
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with spend_in_period as (
    select service_id, sum(amount) as amount, sum(payments) as payments
    from spend_totals_in($date_from, $date_to, $departments, $services)
    group by all
)

select
    p.service_id,
    coalesce(s.name, 'Unmapped') as service,
    s.poa_function,
    s.provider_type,
    p.amount,
    p.payments,
    p.amount / nullif(sum(p.amount) over (), 0) as share
from spend_in_period as p
left join services as s on p.service_id = s.service_id
order by p.amount desc
