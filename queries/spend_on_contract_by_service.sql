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
    select
        p.service_id,
        p.amount,
        exists (
            select 1 from contracts as c
            where c.supplier_id = p.supplier_id and c.service_id = p.service_id
              and p.paid_date between c.start_date and c.end_date
        ) as on_contract
    from spend as p
    join suppliers as u on p.supplier_id = u.supplier_id
    where p.paid_date between $date_from and $date_to
      and p.service_id is not null
      and not u.is_redacted
      and ($departments is null or list_contains($departments, p.department_id))
      and ($services is null or list_contains($services, p.service_id))
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
