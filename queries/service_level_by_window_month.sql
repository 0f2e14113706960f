-- service_level_by_window_month: A service's monthly level in equal windows around a change date, with in-house services
-- For the services that report a monthly level (service_kpis). Arm "changed" = the chosen service; arm
-- "comparison" = the mean level of the other services delivered in-house (provider type internal), or of all
-- the other services when none is in-house. Window month 0 is the first month starting on or after the
-- change date.
--
-- $change_date date: the day the provider changed
-- $window_months integer: months on each side of the change
-- $service varchar: the service code
with months as (
    select
        w.k::integer as window_month,
        ($change_date + to_months(w.k::integer))::date as month_from,
        ($change_date + to_months(w.k::integer + 1))::date as month_to
    from range(-$window_months, $window_months) as w (k)
),

in_house as (
    select service_id from services where provider_type = 'internal' and service_id <> $service
),

comparison as (
    select service_id from in_house
    union all
    select service_id from services
    where service_id <> $service and not exists (select 1 from in_house)
),

levels as (
    select k.month, 'changed' as arm, k.value, k.volume, k.measure
    from service_kpis as k
    where k.service_id = $service
    union all
    select k.month, 'comparison', k.value, k.volume, k.measure
    from service_kpis as k
    where k.service_id in (select service_id from comparison)
)

select
    m.window_month,
    m.month_from,
    l.arm,
    avg(l.value) / 100 as service_level,
    sum(l.volume) as volume,
    string_agg(distinct l.measure, '; ' order by l.measure) as measures
from levels as l
join months as m on l.month >= m.month_from and l.month < m.month_to
group by all
order by m.window_month, l.arm
