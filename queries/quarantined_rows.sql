-- quarantined_rows: Rows that imports did not load, with the file, row number, reason and the row as read
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
order by q.import_id desc, q.row_number
