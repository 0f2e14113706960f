-- data_as_at: How far each export reaches, and how much there is
-- Each dataset's last day: the last payment, the last day a ticket was logged, resolved or closed, and the
-- latest month of the other services' levels. bsdash.analysis.dates turns these into each dataset's last
-- complete day (a payments export ending on its month's last working day covers the month), the "as at" of its
-- figures: a newer export of one dataset never moves another's figures.
with spans as (
    select min(paid_date) as first_day, max(paid_date) as last_day, count(*) as rows_count, 'spend' as dataset
    from spend
    union all
    select
        min(opened_at)::date,
        greatest(max(opened_at), max(resolved_at), max(closed_at))::date,
        count(*),
        'tickets'
    from tickets
)

select
    min(first_day) as first_day,
    max(last_day) filter (where dataset = 'spend') as spend_last_day,
    max(last_day) filter (where dataset = 'tickets') as tickets_last_day,
    (select max(month) from service_kpis) as service_levels_last_month,
    sum(rows_count) filter (where dataset = 'spend')::bigint as payments,
    sum(rows_count) filter (where dataset = 'tickets')::bigint as tickets,
    (select count(*) from imports) as imports
from spans
