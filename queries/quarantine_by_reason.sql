-- quarantine_by_reason: Quarantined rows grouped by file and reason, with the first rows as examples
-- A reason may quote the row's own values, and a quarantined row belongs to no department: someone limited to
-- their own departments sees none, as with the rows themselves (quarantined_rows).
--
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
select
    q.file_name,
    i.kind,
    q.reason,
    count(*) as rows_quarantined,
    list(q.row_number order by q.row_number)[1:5] as first_rows
from quarantine as q
join imports as i on q.import_id = i.import_id
where $allowed_departments is null
group by all
order by rows_quarantined desc, q.file_name
