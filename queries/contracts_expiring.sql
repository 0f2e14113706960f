-- contracts_expiring: Contracts ending within the coming months, soonest first
-- Months to end counts from $as_at. A contract is inside its re-procurement lead time when fewer months are
-- left than its lead time: re-procurement should already have started.
--
-- $as_at date: the day counted from (the data's last day)
-- $within_months integer: how many months ahead to look
-- $services varchar[] optional: service codes; all services when not given
select
    c.contract_id,
    c.title,
    p.name as supplier,
    s.name as service,
    c.start_date,
    c.end_date,
    c.annual_value,
    c.total_value,
    c.procurement_route,
    date_diff('day', $as_at, c.end_date) / 30.44 as months_to_end,
    c.reprocurement_lead_months,
    date_diff('day', $as_at, c.end_date) / 30.44 < c.reprocurement_lead_months as inside_lead_time
from contracts as c
join suppliers as p on c.supplier_id = p.supplier_id
join services as s on c.service_id = s.service_id
where c.end_date > $as_at
  and c.end_date <= $as_at + to_months($within_months)
  and among($services, c.service_id)
order by c.end_date, c.annual_value desc
