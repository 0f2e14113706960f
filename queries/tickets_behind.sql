-- tickets_behind: The IT tickets behind a figure: logged in the period, resolved in it, or open at the end of a day
-- Which tickets: 'logged' (the default: logged in the period, optionally in one month), 'resolved' (resolved or
-- closed in the period) or 'open' (open at the end of $open_on, optionally $age_from to $age_to days old, or
-- with $used_from to $used_to of their SLA time used). At most $row_limit tickets, newest first;
-- tickets_behind_summary counts all of them. Share of SLA used = hours open / the priority's resolution target.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
-- $which varchar optional: logged, resolved or open
-- $month date optional: only tickets logged in the month starting on this day
-- $department varchar optional: only tickets raised by this department code
-- $priority varchar optional: only this priority (P1 to P4)
-- $open_on date optional: the day at whose end open tickets are counted
-- $age_from integer optional: open tickets at least this many days old
-- $age_to integer optional: open tickets at most this many days old
-- $used_from double optional: open tickets with at least this share of their SLA time used (0.75 = 75 %)
-- $used_to double optional: open tickets with less than this share of their SLA time used
-- $row_limit integer: how many tickets at most
select
    t.ticket_number,
    t.opened_at,
    t.resolved_at,
    t.closed_at,
    t.state,
    t.priority,
    t.category,
    coalesce(d.name, 'Unmapped: ' || t.source_department, 'Not recorded') as department,
    t.assignment_group,
    t.provider_type,
    t.sla_met,
    date_diff('second', t.opened_at, t.resolved_at) / 3600 as hours_to_resolve,
    t.sla_used as sla_used_share
from tickets_behind(
    $date_from, $date_to, $departments, $services, $allowed_departments, $which,
    $month, $department, $priority, $open_on, $age_from, $age_to, $used_from, $used_to
) as t
left join departments as d on t.department_id = d.department_id
order by t.opened_at desc, t.ticket_number desc
limit $row_limit
