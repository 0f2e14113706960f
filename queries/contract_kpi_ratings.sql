-- contract_kpi_ratings: KPI ratings of the contracts over £5m live in the period, every rating up to $as_at
-- Procurement Act 2023: a contract worth over £5m needs at least three KPIs, each rated Good, Approaching target,
-- Requires improvement or Inadequate at least once every twelve months.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $as_at date: the day the ratings are read on (the data's last day)
-- $services varchar[] optional: service codes; all services when not given
select
    c.contract_id,
    c.title,
    p.name as supplier,
    s.name as service,
    c.total_value,
    k.kpi,
    k.period_end,
    k.rating,
    case k.rating when 'Good' then 1 when 'Approaching target' then 2 when 'Requires improvement' then 3 else 4 end
        as rating_order,
    k.target,
    k.result
from contract_kpis as k
join contracts as c on k.contract_id = c.contract_id
join suppliers as p on c.supplier_id = p.supplier_id
join services as s on c.service_id = s.service_id
where c.total_value > 5000000
  and c.start_date <= $date_to and c.end_date >= $date_from
  and k.period_end <= $as_at
  and among($services, c.service_id)
order by c.total_value desc, k.kpi, k.period_end
