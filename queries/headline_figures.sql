-- headline_figures: The handful of figures a leader reads first, for the period and filters
-- Budget for a period is each financial year's budget in proportion to the days of that year inside the
-- period. SLA compliance = tickets resolved within their priority's target / tickets resolved in the period
-- (a ticket closed with no resolution time counts on its closing day). Open tickets are those logged by the
-- end of the period and neither resolved, closed nor cancelled by then. Contracts expiring are those ending
-- within six months after $as_at. Tickets count only when IT support is among the services chosen.
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $as_at date: the day the figures are read on (the data's last day)
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
with spend_in_period as (
    select sum(amount) as spend, sum(payments) as payments
    from spend_totals_in($date_from, $date_to, $departments, $services)
),

budget_in_period as (
    select sum(budget) as budget from budget_in($date_from, $date_to, $departments, $services)
),

logged as (
    select day, tickets
    from tickets_logged_daily
    where among($departments, department_id) and with_it_support($services)
),

finished as (
    select day, resolved, tickets, with_sla_outcome, within_sla
    from tickets_finished_daily
    where among($departments, department_id) and with_it_support($services)
),

-- A ticket finishes no earlier than it was logged, so those open at the end of the period are those logged by
-- then less those finished by then.
ticket_figures as (
    select
        (select coalesce(sum(tickets), 0) from logged where day between $date_from and $date_to)::bigint
            as tickets_logged,
        (select coalesce(sum(with_sla_outcome), 0) from finished where resolved and day between $date_from and $date_to)::bigint
            as tickets_resolved,
        (select coalesce(sum(within_sla), 0) from finished where resolved and day between $date_from and $date_to)::bigint
            as resolved_within_sla,
        ((select coalesce(sum(tickets), 0) from logged where day <= $date_to)
            - (select coalesce(sum(tickets), 0) from finished where day <= $date_to))::bigint as open_at_end
),

contracts_ending as (
    select count(*) as contracts_expiring, sum(annual_value) as expiring_annual_value
    from contracts
    where end_date > $as_at and end_date <= $as_at + interval 6 month
      and among($services, service_id)
)

select
    s.spend,
    s.payments,
    b.budget,
    s.spend - b.budget as variance,
    t.tickets_logged,
    t.tickets_resolved,
    t.resolved_within_sla,
    t.resolved_within_sla / nullif(t.tickets_resolved, 0) as sla_compliance,
    t.open_at_end,
    c.contracts_expiring,
    c.expiring_annual_value
from spend_in_period as s, budget_in_period as b, ticket_figures as t, contracts_ending as c
