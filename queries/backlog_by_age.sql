-- backlog_by_age: Tickets open at the end of the period, by how many days they have been open
-- Age bands 0-5, 6-10, 11-30 and over 30 days, per priority; each band's first and last day of age with it.
--
-- $as_at date: the day at whose end the backlog is counted (the period's end, or the data's last day)
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; tickets count only when IT support is among them
with open_tickets as (
    select
        t.priority,
        date_diff('day', t.opened_at::date, $as_at::date) as age_days
    from tickets_open_at($as_at, $departments, $services) as t
),

bands as (
    select * from (values (1, '0-5 days', 0, 5), (2, '6-10 days', 6, 10), (3, '11-30 days', 11, 30),
                          (4, 'Over 30 days', 31, 1000000)) as b(band_order, age_band, low, high)
)

select
    b.band_order,
    b.age_band,
    b.low as age_from,
    b.high as age_to,
    p.priority,
    count(o.age_days) as open_tickets
from bands as b
cross join sla_targets as p
left join open_tickets as o on o.priority = p.priority and o.age_days between b.low and b.high
group by all
order by b.band_order, p.priority
