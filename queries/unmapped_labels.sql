-- unmapped_labels: Export labels that map onto no department or service yet, with the rows and money behind them
-- A department label is unmapped when a payment, ticket, asset or licence carries it but no department (by
-- code, name or reference map) matches it; a payment's service-area or expense-type label when the payment has
-- no service. The pages show such rows as "Unmapped: <label>"; mapping the label resolves them all at once. A
-- ticket's state or priority that no vocabulary placed is listed the same way (the ticket shows it as not given).
-- The labels are the rows' own text, from any department: someone limited to their own departments sees none.
--
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
with labels as (
    select 'department' as kind, source_department as label, 'spend' as dataset, sum(payments) as rows_count,
        sum(amount) as amount
    from spend_monthly
    where department_id is null
    group by all
    union all
    select 'service', source_service, 'spend', count(*), sum(amount)
    from spend
    where service_id is null and source_service is not null
    group by all
    union all
    select 'expense type', expense_type, 'spend', sum(payments), sum(amount)
    from spend_monthly
    where service_id is null
    group by all
    union all
    select 'department', source_department, 'tickets', count(*), null
    from tickets
    where department_id is null and source_department is not null
    group by all
    union all
    select 'department', source_department, 'assets', count(*), null
    from assets
    where department_id is null and source_department is not null
    group by all
    union all
    select 'department', source_department, 'licences', count(*), null
    from licences
    where department_id is null and source_department is not null
    group by all
    union all
    select 'ticket state', source_state, 'tickets', count(*), null
    from tickets
    where state is null and source_state is not null
    group by all
    union all
    select 'priority', source_priority, 'tickets', count(*), null
    from tickets
    where priority is null and source_priority is not null
    group by all
)

select
    kind,
    label,
    'Unmapped: ' || label as shown_as,
    sum(rows_count)::bigint as rows_count,
    sum(amount) as amount,
    string_agg(distinct dataset, ', ' order by dataset) as found_in
from labels
where $allowed_departments is null
group by all
order by kind, rows_count desc, label
