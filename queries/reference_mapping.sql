-- reference_mapping: How the exports' own labels map onto our departments and services
-- One row per label: its kind (department, service or expense type), the label as exports write it, and the
-- department or service code it maps to (empty while unmapped). Downloaded as CSV, this is a file the import
-- reads back (kind reference_map).
select
    replace(m.kind, '_', ' ') as "Kind",
    m.source_value as "Label in Export",
    m.target_id as "Maps To",
    coalesce(d.name, s.name) as "Maps To Name"
from reference_map as m
left join departments as d on m.kind = 'department' and m.target_id = d.department_id
left join services as s on m.kind <> 'department' and m.target_id = s.service_id
order by m.kind, m.source_value
