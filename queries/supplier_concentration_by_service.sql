-- supplier_concentration_by_service: Supplier concentration (top-five share and HHI) and tail spend per service
-- Shares are each supplier's spend / the service's spend in the selection (suppliers with net credits count
-- as nothing). HHI = the sum of squared percentage shares (10,000 for a single supplier; under 1,500 is
-- unconcentrated, over 2,500 highly concentrated). Tail spend, as buyers define it: add the suppliers up largest
-- first until they reach 80 % of the service's spend (the supplier that crosses 80 % is one of them); the tail
-- is every supplier after those, so it is never more than 20 % of the spend. How many, and how much.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    r.service_id,
    s.name as service,
    count(*) filter (where r.amount > 0) as suppliers,
    sum(r.amount) as amount,
    sum(r.share) filter (where r.position <= 5) as top5_share,
    sum(power(100 * r.share, 2)) as hhi,
    count(*) filter (where r.share_before >= 0.8 and r.amount > 0) as tail_suppliers,
    coalesce(sum(r.amount) filter (where r.share_before >= 0.8), 0) as tail_amount
from supplier_ranking($date_from, $date_to, $departments, $services, true) as r
join services as s on r.service_id = s.service_id
group by all
order by hhi desc
