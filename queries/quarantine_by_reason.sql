-- quarantine_by_reason: Quarantined rows grouped by file and reason, with the first rows as examples
select
    q.file_name,
    i.kind,
    q.reason,
    count(*) as rows_quarantined,
    list(q.row_number order by q.row_number)[1:5] as first_rows
from quarantine as q
join imports as i on q.import_id = i.import_id
group by all
order by rows_quarantined desc, q.file_name
