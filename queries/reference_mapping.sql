-- reference_mapping: How the exports' own labels map onto our departments, services, ticket states and priorities
-- One row per label: its kind (department, service, expense type, ticket state or priority), the label as exports
-- write it, and the department or service code, ticket state or priority it maps to (empty while unmapped). Downloaded as CSV, this is a file the import
-- reads back (kind reference_map).
select
    replace(m.kind, '_', ' ') as "Kind",
    m.source_value as "Label in Export",
    m.target_id as "Maps To",
    coalesce(d.name, s.name, p.name, case when m.kind = 'ticket_state' then m.target_id end) as "Maps To Name"
from reference_map as m
left join departments as d on m.kind = 'department' and m.target_id = d.department_id
left join services as s on m.kind in ('service', 'expense_type') and m.target_id = s.service_id
left join sla_targets as p on m.kind = 'priority' and m.target_id = p.priority
order by m.kind, m.source_value
