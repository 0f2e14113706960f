-- asset_register: Hardware assets of the chosen departments and services, with refresh and warranty dates
-- Past refresh = its refresh date is before $as_at and it is still in use or in stock.
--
-- $as_at date: the day the register is read on
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
select
    a.asset_id,
    a.asset_type,
    a.model,
    coalesce(s.name, 'Unmapped') as service,
    coalesce(d.name, 'Unmapped: ' || a.source_department, 'Not recorded') as department,
    a.purchased_on,
    a.purchase_cost,
    a.refresh_due,
    a.warranty_end,
    a.status,
    a.refresh_due < $as_at and a.status in ('in use', 'in stock') as past_refresh
from assets as a
left join departments as d on a.department_id = d.department_id
left join services as s on a.service_id = s.service_id
where among($departments, a.department_id)
  and among($services, a.service_id)
  and among($allowed_departments, a.department_id)
order by a.asset_id
