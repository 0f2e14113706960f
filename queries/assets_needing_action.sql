-- assets_needing_action: Hardware in service past its refresh date or with its warranty ending within 90 days
-- The list behind the asset lifecycle figures, oldest refresh date first.
--
-- $as_at date: the day the register is read on
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
select
    a.asset_id,
    a.asset_type,
    a.model,
    coalesce(d.name, 'Unmapped: ' || a.source_department, 'Not recorded') as department,
    a.status,
    a.purchased_on,
    a.purchase_cost,
    a.refresh_due,
    a.warranty_end,
    case
        when a.refresh_due < $as_at and a.warranty_end between $as_at and $as_at + interval 90 day
            then 'Past refresh; warranty ending'
        when a.refresh_due < $as_at then 'Past refresh'
        else 'Warranty ending'
    end as action
from assets as a
left join departments as d on a.department_id = d.department_id
where a.status in ('in use', 'in stock')
  and (a.refresh_due < $as_at or a.warranty_end between $as_at and $as_at + interval 90 day)
  and among($departments, a.department_id)
  and among($services, a.service_id)
  and among($allowed_departments, a.department_id)
order by a.refresh_due, a.asset_id
