-- budget_lines: Budget lines of the financial years overlapping the period
--
-- $date_from date: first day of the period
-- $date_to date: last day of the period
-- $departments varchar[] optional: department codes; all departments when not given
-- $services varchar[] optional: service codes; all services when not given
select
    b.financial_year,
    d.name as department,
    s.name as service,
    b.budget
from budgets as b
join departments as d on b.department_id = d.department_id
join services as s on b.service_id = s.service_id
where make_date(left(b.financial_year, 4)::integer, 4, 1) <= $date_to
  and make_date(left(b.financial_year, 4)::integer + 1, 3, 31) >= $date_from
  and among($departments, b.department_id)
  and among($services, b.service_id)
order by b.financial_year, d.name, s.name
