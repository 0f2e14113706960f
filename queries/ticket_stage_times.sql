-- ticket_stage_times: Time spent in each stage of the ticket workflow, for tickets resolved in the period
-- Submitted -> assigned (time to assign), assigned -> resolved (diagnosis and fix) and resolved -> closed (waiting
-- for the user to confirm), in hours: median and 90th percentile, per priority.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with resolved as (
    select
        priority,
        hours_to_assign as to_assign,
        hours_assigned_to_resolved as to_resolve,
        hours_to_close as to_close
    from ticket_times
    where resolved and resolved_day is not null
      and open_until >= $date_from and open_until < $date_to::date + interval 1 day
      and ($departments is null or list_contains($departments, department_id))
      and ($services is null or list_contains($services, 'it_support'))
),

stages as (
    select priority, 1 as stage_order, 'Submitted to assigned' as stage, to_assign as hours from resolved
    union all
    select priority, 2, 'Assigned to resolved', to_resolve from resolved
    union all
    select priority, 3, 'Resolved to closed (user confirms)', to_close from resolved
)

select
    stage_order,
    stage,
    priority,
    count(hours) as tickets,
    median(hours) as median_hours,
    quantile_cont(hours, 0.9) as p90_hours
from stages
where hours is not null
group by all
order by stage_order, priority
