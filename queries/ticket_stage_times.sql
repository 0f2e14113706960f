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
    from ticket_times_resolved_in($date_from, $date_to, $departments, $services)
    where resolved
),

-- Each stage's median and 90th percentile in one pass over its hours.
per_priority as (
    select
        priority,
        count(to_assign) as assigned, quantile_cont(to_assign, [0.5, 0.9]) as assign_hours,
        count(to_resolve) as resolved, quantile_cont(to_resolve, [0.5, 0.9]) as resolve_hours,
        count(to_close) as closed, quantile_cont(to_close, [0.5, 0.9]) as close_hours
    from resolved
    group by all
),

stages as (
    select 1 as stage_order, 'Submitted to assigned' as stage, priority, assigned as tickets, assign_hours as hours
    from per_priority
    union all
    select 2, 'Assigned to resolved', priority, resolved, resolve_hours from per_priority
    union all
    select 3, 'Resolved to closed (user confirms)', priority, closed, close_hours from per_priority
)

select
    stage_order,
    stage,
    priority,
    tickets,
    hours[1] as median_hours,
    hours[2] as p90_hours
from stages
where tickets > 0
order by stage_order, priority
