-- open_tickets_by_sla_used: Open tickets at the end of the day, by how much of their SLA time is used
-- A ticket is open when logged by then and neither resolved, closed nor cancelled by then. Share of SLA used =
-- hours open / the priority's resolution target. Over 100 % the ticket has breached; 75 % and over it is at risk.
--
-- $as_at date: the day at whose end the tickets are counted
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with open_tickets as (
    select
        t.priority,
        date_diff('minute', t.opened_at, $as_at::date + interval 1 day) / 60 / g.resolve_within_hours as used
    from tickets_open_at($as_at, $departments, $services) as t
    join sla_targets as g on t.priority = g.priority
),

bands as (
    select * from (values
        (1, 'Under 50 %', 0.0, 0.5, false),
        (2, '50-75 %', 0.5, 0.75, false),
        (3, '75-85 %', 0.75, 0.85, true),
        (4, '85-95 %', 0.85, 0.95, true),
        (5, '95-100 %', 0.95, 1.0, true),
        (6, 'Breached (over 100 %)', 1.0, 1e9, false)
    ) as b(band_order, band, low, high, at_risk)
)

select
    b.band_order,
    b.band,
    b.low as used_from,
    b.high as used_to,
    b.at_risk,
    count(o.used) as open_tickets,
    count(o.used) filter (where o.priority in ('P1', 'P2')) as open_p1_p2
from bands as b
left join open_tickets as o on o.used >= b.low and o.used < b.high
group by all
order by b.band_order
