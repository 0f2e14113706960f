-- supplier_concentration_by_service: Supplier concentration (top-five share and HHI) and tail spend per service
-- Shares are each supplier's spend / the service's spend in the selection (suppliers with net credits count
-- as nothing). HHI = the sum of squared percentage shares (10,000 for a single supplier; under 1,500 is
-- unconcentrated, over 2,500 highly concentrated). Tail = the suppliers that take the running total past 80 %
-- of the service's spend when added up largest first (the last 20 %): how many, and how much.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with by_supplier as (
    select p.service_id, p.supplier_id, greatest(sum(p.amount), 0) as amount
    from spend_in($date_from, $date_to, $departments, $services) as p
    where p.service_id is not null
    group by all
),

ranked as (
    select
        service_id,
        supplier_id,
        amount,
        amount / nullif(sum(amount) over (partition by service_id), 0) as share,
        row_number() over (partition by service_id order by amount desc, supplier_id) as position,
        sum(amount) over (
            partition by service_id order by amount desc, supplier_id rows between unbounded preceding and current row
        ) / nullif(sum(amount) over (partition by service_id), 0) as cumulative_share
    from by_supplier
)

select
    r.service_id,
    s.name as service,
    count(*) filter (where r.amount > 0) as suppliers,
    sum(r.amount) as amount,
    sum(r.share) filter (where r.position <= 5) as top5_share,
    sum(power(100 * r.share, 2)) as hhi,
    count(*) filter (where r.cumulative_share > 0.8 and r.amount > 0) as tail_suppliers,
    coalesce(sum(r.amount) filter (where r.cumulative_share > 0.8), 0) as tail_amount
from ranked as r
join services as s on r.service_id = s.service_id
group by all
order by hhi desc
