-- benchmark_workforce_by_force: Every force's population, officers and staff (FTE), with where each comes from
-- The workforce figures are the latest on or before $as_at in force_workforce (the Home Office tables);
-- police staff excludes PCSOs and designated officers, as the Home Office counts them.
--
-- $as_at date: the latest day the workforce figures may be for
with latest as (
    select max(as_at) as as_at from force_workforce where as_at <= $as_at
)

select
    f.force,
    f.region,
    f.population,
    f.population_source,
    f.is_home_force,
    f.in_most_similar_group,
    l.as_at as workforce_as_at,
    max(w.fte) filter (where w.workforce = 'officers') as officers,
    max(w.fte) filter (where w.workforce = 'staff') as staff,
    any_value(w.source_table) filter (where w.workforce = 'officers') as officers_source,
    any_value(w.source_table) filter (where w.workforce = 'staff') as staff_source,
    any_value(w.source_publication) as source_publication
from police_forces as f
cross join latest as l
left join force_workforce as w on f.force = w.force and w.as_at = l.as_at
group by all
order by f.force
