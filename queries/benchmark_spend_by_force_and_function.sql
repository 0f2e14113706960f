-- benchmark_spend_by_force_and_function: Spend per force and POA function in a financial year
-- Our force's spend comes from its own payments (spend) in the year, by the POA function of each service type;
-- other forces' from force_spend, with its source. When service types are chosen, only their POA functions
-- are compared (other forces' Estates then still covers both facilities and security systems).
--
-- $financial_year varchar: the year, written 2024/25
-- $services varchar[] optional: service codes; all services when not given
with home as (
    select force from police_forces where is_home_force order by force limit 1
),

own as (
    select h.force, s.poa_function, sum(p.amount) as amount, 'Our payments (spend over £500)' as source
    from spend_totals_in(
        make_date(left($financial_year, 4)::integer, 4, 1),
        make_date(left($financial_year, 4)::integer + 1, 3, 31),
        null,
        $services
    ) as p
    join services as s on p.service_id = s.service_id
    cross join home as h
    group by all
),

chosen_functions as (
    select distinct poa_function from services where among($services, service_id)
),

others as (
    select x.force, x.poa_function, x.amount, x.source
    from force_spend as x
    where x.financial_year = $financial_year
      and x.force not in (select force from home)
      and x.poa_function in (select poa_function from chosen_functions)
)

select force, poa_function, amount, source from own
union all
select force, poa_function, amount, source from others
order by force, poa_function
