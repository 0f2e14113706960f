-- service_kpis_by_month: The non-IT services' monthly service levels against their targets
-- One row per service, measure and month overlapping the period; met = the month's value is on the right side
-- of its target.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $services varchar[] optional: service codes; all services when not given
select
    k.month,
    k.service_id,
    s.name as service,
    k.measure,
    k.value,
    k.target,
    k.unit,
    case when k.higher_is_better then k.value >= k.target else k.value <= k.target end as target_met,
    k.volume
from service_kpis as k
join services as s on k.service_id = s.service_id
where k.month between date_trunc('month', $date_from::date) and $date_to
  and among($services, k.service_id)
order by s.name, k.measure, k.month
