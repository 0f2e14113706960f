-- supplier_concentration: Supplier concentration (top-five share and HHI) and tail spend of the whole selection
-- As supplier_concentration_by_service, over every service chosen together: shares of the selection's spend, HHI =
-- the sum of squared percentage shares, and the tail = the suppliers after those that reach 80 % of the spend
-- (the supplier that crosses 80 % is in the head).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    count(*) filter (where r.amount > 0) as suppliers,
    coalesce(sum(r.amount), 0) as amount,
    sum(r.share) filter (where r.position <= 5) as top5_share,
    sum(power(100 * r.share, 2)) as hhi,
    count(*) filter (where r.share_before >= 0.8 and r.amount > 0) as tail_suppliers,
    coalesce(sum(r.amount) filter (where r.share_before >= 0.8), 0) as tail_amount
from supplier_ranking($date_from, $date_to, $departments, $services, false) as r
