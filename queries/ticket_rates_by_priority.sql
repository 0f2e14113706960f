-- ticket_rates_by_priority: Reopen, first-assignment and first-contact resolution rates, and satisfaction
-- Reopen rate = resolved tickets reopened at least once / resolved. First-assignment resolution = resolved with no
-- reassignment / resolved. First-contact resolution = resolved at first contact / logged (of the tickets whose
-- export says; an event log such as ServiceNow's does not). Satisfaction = mean survey score (1-5) with the
-- response rate (answers / tickets closed).
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with logged as (
    select
        priority,
        sum(tickets)::bigint as logged,
        sum(at_first_contact)::bigint as at_first_contact,
        sum(first_contact_known)::bigint as first_contact_known
    from tickets_logged_in($date_from, $date_to, $departments, $services)
    group by all
),

resolved as (
    select
        priority,
        sum(tickets)::bigint as resolved,
        sum(reopened)::bigint as reopened,
        sum(first_assignment)::bigint as first_assignment,
        sum(closed)::bigint as closed,
        sum(survey_answers)::bigint as survey_answers,
        sum(satisfaction_total) / nullif(sum(survey_answers), 0) as satisfaction
    from tickets_resolved_in($date_from, $date_to, $departments, $services)
    group by all
)

select
    g.priority,
    g.name as priority_name,
    coalesce(l.logged, 0) as tickets_logged,
    coalesce(l.first_contact_known, 0) as tickets_first_contact_known,
    coalesce(l.at_first_contact, 0) as tickets_at_first_contact,
    coalesce(r.resolved, 0) as tickets_resolved,
    r.reopened / nullif(r.resolved, 0) as reopen_rate,
    r.first_assignment / nullif(r.resolved, 0) as first_assignment_rate,
    l.at_first_contact / nullif(l.first_contact_known, 0) as first_contact_rate,
    r.satisfaction,
    r.survey_answers / nullif(r.closed, 0) as survey_response_rate
from sla_targets as g
left join logged as l on g.priority = l.priority
left join resolved as r on g.priority = r.priority
order by g.priority
