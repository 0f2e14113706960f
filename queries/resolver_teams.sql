-- resolver_teams: Each IT resolver team: its provider type, and the first and last tickets it handled
-- A team whose first ticket comes long after the data's first day took work over from another: its first day is
-- a change of provider to look at.
select
    assignment_group as team,
    provider_type,
    min(opened_at)::date as first_ticket,
    max(opened_at)::date as last_ticket,
    count(*) as tickets
from tickets
where assignment_group is not null
group by all
order by first_ticket, team
