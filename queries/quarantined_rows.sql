-- quarantined_rows: Rows that imports did not load, with the file, row number, reason and the row as read
-- A quarantined row belongs to no department, so someone limited to their own departments sees none.
--
-- $allowed_departments varchar[] optional: the only departments whose rows the viewer may see (a planner's own); all when not given
select
    q.import_id,
    i.kind,
    q.file_name,
    q.row_number,
    q.reason,
    q.raw_row,
    i.imported_at
from quarantine as q
join imports as i on q.import_id = i.import_id
where $allowed_departments is null
order by q.import_id desc, q.row_number
