-- tickets_behind_summary: How many IT tickets are behind a figure, and how many of them met their SLA
-- The same tickets as the named query tickets_behind lists, all of them. SLA compliance = within SLA / tickets
-- with an SLA outcome.
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
select
    count(*) as tickets,
    count(sla_met) as with_sla_outcome,
    count(*) filter (where sla_met) as within_sla,
    count(*) filter (where sla_met) / nullif(count(sla_met), 0) as sla_compliance
from tickets_behind(
    $date_from, $date_to, $departments, $services, $allowed_departments, $which,
    $month, $department, $priority, $open_on, $age_from, $age_to, $used_from, $used_to
)
