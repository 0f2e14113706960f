-- department_list: Departments with their directorate, area and establishment
select
    department_id,
    name as department,
    directorate,
    area,
    kind,
    officer_fte,
    staff_fte,
    officer_fte + staff_fte as total_fte
from departments
order by kind = 'support', kind = 'operational', name
