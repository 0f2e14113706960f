-- ticket_list: IT tickets logged in the period, newest first, with their times and SLA outcome
-- Hours to resolve = resolved - opened. At most $row_limit tickets (the newest; the same minute by ticket number).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
-- $row_limit integer: how many tickets at most
with chosen as not materialized (
    select *
    from tickets as t
    where t.opened_at >= $date_from and t.opened_at < $date_to::date + interval 1 day
      and among($departments, t.department_id)
      and with_it_support($services)
      and among($allowed_departments, t.department_id)
),

-- The earliest time among the $row_limit newest: only tickets logged since then need sorting.
threshold as (
    select min(opened_at) as opened_at from (select unnest(max(opened_at, $row_limit)) as opened_at from chosen)
),

listed as (
    select t.*
    from chosen as t
    join threshold as h on t.opened_at >= h.opened_at
    order by t.opened_at desc, t.ticket_number desc
    limit $row_limit
)

select
    t.ticket_number,
    t.opened_at,
    t.assigned_at,
    t.resolved_at,
    t.closed_at,
    t.state,
    t.priority,
    t.category,
    coalesce(d.name, 'Unmapped: ' || t.source_department, 'Not recorded') as department,
    t.assignment_group,
    t.provider_type,
    t.channel,
    t.reassignment_count,
    t.reopen_count,
    t.first_contact_resolution,
    t.sla_met,
    date_diff('second', t.opened_at, t.resolved_at) / 3600 as hours_to_resolve,
    t.satisfaction_score
from listed as t
left join departments as d on t.department_id = d.department_id
order by t.opened_at desc, t.ticket_number desc
