-- data_as_at: The period the data covers, and how much of it there is
-- The last day of the data is the later of the last payment and the last ticket logged: the dashboard's
-- "today" for expiry dates and open tickets, so that an older extract reads as it did on its day.
with spans as (
    select min(paid_date) as first_day, max(paid_date) as last_day, count(*) as rows_count, 'spend' as dataset
    from spend
    union all
    select min(opened_at)::date, max(opened_at)::date, count(*), 'tickets' from tickets
)

select
    min(first_day) as first_day,
    max(last_day) as last_day,
    sum(rows_count) filter (where dataset = 'spend')::bigint as payments,
    sum(rows_count) filter (where dataset = 'tickets')::bigint as tickets,
    (select count(*) from imports) as imports
from spans
