-- tender_list: The tenders with bids on record: the contract each let, how many bid, and the winner
--
-- $services varchar[] optional: service codes; all services when not given
select
    c.contract_id,
    c.title,
    s.name as service,
    c.procurement_route,
    p.name as supplier,
    c.start_date,
    c.total_value,
    count(*) as bids,
    any_value(b.price_weight) as price_weight,
    any_value(b.quality_weight) as quality_weight,
    any_value(b.capability_weight) as capability_weight
from tender_bids as b
join contracts as c on b.contract_id = c.contract_id
join suppliers as p on c.supplier_id = p.supplier_id
join services as s on c.service_id = s.service_id
where among($services, c.service_id)
group by all
order by c.total_value desc
