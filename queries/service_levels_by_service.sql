-- service_levels_by_service: Each service's level in the period against its target
-- IT support: SLA compliance of tickets resolved in the period, against the priority targets weighted by
-- how many tickets of each priority were resolved; it meets its target only when every priority meets its own
-- (a blended target would let many low-priority tickets hide a critical miss). Other services: the mean of their
-- monthly results for the months overlapping the period, against the mean monthly target.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes (IT tickets only: the other services report force-wide)
-- $services varchar[] optional: service codes; all services when not given
with by_priority as (
    select
        t.priority,
        any_value(g.compliance_target_pct) as target,
        sum(t.within_sla) as within_sla,
        sum(t.with_sla_outcome) as with_sla_outcome
    from tickets_resolved_in($date_from, $date_to, $departments, null) as t
    join sla_targets as g on t.priority = g.priority
    group by all
),

it_support as (
    select
        'it_support' as service_id,
        'Tickets resolved within SLA (each priority against its own target)' as measure,
        100 * sum(within_sla) / nullif(sum(with_sla_outcome), 0) as value,
        sum(target * with_sla_outcome) / nullif(sum(with_sla_outcome), 0) as target,
        '%' as unit,
        true as higher_is_better,
        coalesce(sum(with_sla_outcome), 0)::bigint as volume,
        bool_and(100 * within_sla / with_sla_outcome >= target) filter (where with_sla_outcome > 0)
            as every_priority_met
    from by_priority
),

others as (
    select
        k.service_id,
        k.measure,
        avg(k.value) as value,
        avg(k.target) as target,
        any_value(k.unit) as unit,
        bool_and(k.higher_is_better) as higher_is_better,
        sum(k.volume) as volume,
        null::boolean as every_priority_met
    from service_kpis as k
    where k.month between date_trunc('month', $date_from::date) and $date_to
    group by all
)

select
    l.service_id,
    s.name as service,
    l.measure,
    l.value,
    l.target,
    l.unit,
    coalesce(
        l.every_priority_met, case when l.higher_is_better then l.value >= l.target else l.value <= l.target end
    ) as target_met,
    l.volume
from (select * from it_support where volume > 0 union all select * from others) as l
join services as s on l.service_id = s.service_id
where among($services, l.service_id)
order by l.value - l.target
