-- financial_year_list: Financial years (1 April to 31 March) that have payments, tickets or budgets
with days as (
    select min(paid_date) as first_day, max(paid_date) as last_day from spend
    union all
    select min(opened_at)::date, max(opened_at)::date from tickets
    union all
    select make_date(min(left(financial_year, 4)::integer), 4, 1),
           make_date(max(left(financial_year, 4)::integer) + 1, 3, 31)
    from budgets
),

bounds as (
    select
        min(case when month(first_day) >= 4 then year(first_day) else year(first_day) - 1 end) as first_year,
        max(case when month(last_day) >= 4 then year(last_day) else year(last_day) - 1 end) as last_year
    from days
)

select
    y.start_year || '/' || lpad(((y.start_year + 1) % 100)::varchar, 2, '0') as financial_year,
    make_date(y.start_year, 4, 1) as first_day,
    make_date(y.start_year + 1, 3, 31) as last_day
from bounds b, range(b.first_year, b.last_year + 1) as y(start_year)
order by y.start_year desc
