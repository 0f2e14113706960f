-- asset_lifecycle_by_department: Hardware per department and type: in service, past its refresh date, warranty ending
-- In service = in use or in stock (disposed and in-repair kit is left out). Past refresh = its refresh date is
-- before $as_at. Warranty ending = its warranty ends within 90 days after $as_at. Replacement value is what
-- the kit cost when bought (the register holds no replacement price).
--
-- $as_at date: the day the register is read on
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    coalesce(d.name, 'Unmapped: ' || a.source_department, 'Not recorded') as department,
    a.department_id,
    a.asset_type,
    count(*) as in_service,
    count(*) filter (where a.refresh_due < $as_at) as past_refresh,
    coalesce(sum(a.purchase_cost) filter (where a.refresh_due < $as_at), 0) as past_refresh_value,
    count(*) filter (where a.warranty_end between $as_at and $as_at + interval 90 day) as warranty_ending,
    coalesce(sum(a.purchase_cost) filter (where a.warranty_end between $as_at and $as_at + interval 90 day), 0)
        as warranty_ending_value
from assets as a
left join departments as d on a.department_id = d.department_id
where a.status in ('in use', 'in stock')
  and among($departments, a.department_id)
  and among($services, a.service_id)
group by all
order by department, a.asset_type
