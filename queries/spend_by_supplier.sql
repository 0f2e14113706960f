-- spend_by_supplier: Spend per supplier in the period, largest first, with its share and provider type
-- Share = the supplier's spend / all spend in the selection. On contract = the supplier holds a contract for
-- that service that was live on the payment's date.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with payments as (
    select p.supplier_id, p.service_id, p.paid_date, p.amount
    from spend as p
    where p.paid_date between $date_from and $date_to
      and ($departments is null or list_contains($departments, p.department_id))
      and ($services is null or list_contains($services, p.service_id))
),

classified as (
    select
        p.supplier_id,
        p.amount,
        exists (
            select 1 from contracts as c
            where c.supplier_id = p.supplier_id and c.service_id = p.service_id
              and p.paid_date between c.start_date and c.end_date
        ) as on_contract
    from payments as p
),

per_supplier as (
    select
        supplier_id,
        sum(amount) as amount,
        count(*) as payments,
        sum(amount) filter (where on_contract) as on_contract_amount
    from classified
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
