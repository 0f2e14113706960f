-- contract_kpi_compliance: Contracts over £5m live in the period: their KPIs, latest ratings and what is missing
-- Procurement Act 2023: at least three KPIs, each rated at least once every twelve months. A contract falls
-- short when it has fewer than three KPIs, or when its latest rating is more than twelve months before $as_at
-- (or it has none) while the contract is still live. Latest ratings count each KPI's most recent rating.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $as_at date: the day the ratings are read on (the data's last day)
-- $services varchar[] optional: service codes; all services when not given
with large as (
    select c.contract_id, c.title, c.supplier_id, c.service_id, c.total_value, c.start_date, c.end_date
    from contracts as c
    where c.total_value > 5000000
      and c.start_date <= $date_to and c.end_date >= $date_from
      and among($services, c.service_id)
),

latest as (
    select contract_id, kpi, arg_max(rating, period_end) as rating, max(period_end) as period_end
    from contract_kpis
    where period_end <= $as_at
    group by all
),

rated as (
    select
        g.contract_id,
        g.title,
        p.name as supplier,
        s.name as service,
        g.total_value,
        g.end_date,
        count(l.kpi) as kpis,
        max(l.period_end) as last_rated,
        count(*) filter (where l.rating = 'Good') as good,
        count(*) filter (where l.rating = 'Approaching target') as approaching_target,
        count(*) filter (where l.rating = 'Requires improvement') as requires_improvement,
        count(*) filter (where l.rating = 'Inadequate') as inadequate
    from large as g
    join suppliers as p on g.supplier_id = p.supplier_id
    join services as s on g.service_id = s.service_id
    left join latest as l on g.contract_id = l.contract_id
    group by all
)

select
    r.*,
    r.kpis < 3 as too_few_kpis,
    r.end_date >= $as_at and coalesce(r.last_rated < $as_at - interval 12 month, true) as rating_overdue
from rated as r
order by r.total_value desc
