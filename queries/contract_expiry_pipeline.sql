-- contract_expiry_pipeline: Contracts ending in the next 18 months, by band, with when re-procurement must start
-- Months to end counts from $as_at (30.44 days a month). Bands: 0-3, 3-6, 6-12 and 12-18 months. Re-procurement
-- must start its lead time before the end date; a contract whose start date for re-procurement has passed is
-- inside its lead time.
--
-- $as_at date: the day counted from (the data's last day)
-- $services varchar[] optional: service codes; all services when not given
with ending as (
    select
        c.contract_id,
        c.title,
        p.name as supplier,
        s.name as service,
        c.procurement_route,
        c.end_date,
        c.annual_value,
        c.total_value,
        c.reprocurement_lead_months,
        (c.end_date - to_months(c.reprocurement_lead_months))::date as reprocurement_start,
        date_diff('day', $as_at, c.end_date) / 30.44 as months_to_end
    from contracts as c
    join suppliers as p on c.supplier_id = p.supplier_id
    join services as s on c.service_id = s.service_id
    where c.end_date > $as_at
      and c.end_date <= $as_at + interval 18 month
      and among($services, c.service_id)
)

select
    e.*,
    case
        when e.months_to_end < 3 then '0-3 months'
        when e.months_to_end < 6 then '3-6 months'
        when e.months_to_end < 12 then '6-12 months'
        else '12-18 months'
    end as band,
    case when e.months_to_end < 3 then 1 when e.months_to_end < 6 then 2 when e.months_to_end < 12 then 3 else 4 end
        as band_order,
    e.reprocurement_start <= $as_at as inside_lead_time
from ending as e
order by e.end_date, e.annual_value desc
