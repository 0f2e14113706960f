-- spend_by_supplier: Spend per supplier in the period, largest first, with its share and provider type
-- Share = the supplier's spend / all spend in the selection. On contract = the supplier holds a contract for
-- that service that was live on the payment's date.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with per_supplier as (
    select
        supplier_id,
        sum(amount) as amount,
        sum(payments)::bigint as payments,
        sum(amount) filter (where on_contract) as on_contract_amount
    from spend_in($date_from, $date_to, $departments, $services)
    group by all
)

select
    p.supplier_id,
    s.name as supplier,
    s.provider_type,
    s.is_sme,
    p.amount,
    p.payments,
    p.amount / nullif(sum(p.amount) over (), 0) as share,
    coalesce(p.on_contract_amount, 0) / nullif(p.amount, 0) as on_contract_share
from per_supplier as p
join suppliers as s on p.supplier_id = s.supplier_id
order by p.amount desc
