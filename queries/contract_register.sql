-- contract_register: Contracts live at any time in the period, with supplier, service and value
-- Live = started on or before the period's last day and ending on or after its first day.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $services varchar[] optional: service codes; all services when not given
select
    c.contract_id,
    c.title,
    p.name as supplier,
    p.provider_type,
    s.name as service,
    c.start_date,
    c.end_date,
    c.annual_value,
    c.total_value,
    c.procurement_route,
    c.price_score,
    c.quality_score,
    c.capability_score,
    c.reprocurement_lead_months
from contracts as c
join suppliers as p on c.supplier_id = p.supplier_id
join services as s on c.service_id = s.service_id
where c.start_date <= $date_to and c.end_date >= $date_from
  and among($services, c.service_id)
order by c.end_date, c.contract_id
