-- spend_on_contract_by_service: Spend on and off contract per service type in the period
-- On contract = paid to a supplier holding a contract for that service that was live on the payment's date.
-- Addressable spend is all spend with external and collaborated suppliers, so the share is on contract /
-- addressable; payments to individuals whose names are redacted are left out (they cannot hold a contract).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with payments as (
    select p.service_id, p.amount, p.on_contract
    from spend_in($date_from, $date_to, $departments, $services) as p
    join suppliers as u on p.supplier_id = u.supplier_id
    where p.service_id is not null
      and not u.is_redacted
)

select
    s.service_id,
    s.name as service,
    sum(p.amount) filter (where p.on_contract) as on_contract_amount,
    sum(p.amount) filter (where not p.on_contract) as off_contract_amount,
    sum(p.amount) as addressable_amount,
    coalesce(sum(p.amount) filter (where p.on_contract), 0) / nullif(sum(p.amount), 0) as on_contract_share
from payments as p
join services as s on p.service_id = s.service_id
group by all
order by on_contract_share
