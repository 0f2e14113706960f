-- import_history: Every import, newest first, with what happened to its rows
-- Rows read = loaded + quarantined + duplicates, always. Records are the rows the table gained or updated: the
-- same as loaded, except for an event log (one row per update), whose loaded updates make fewer tickets.
select
    import_id,
    file_name,
    kind,
    rows_read,
    loaded,
    quarantined,
    duplicates,
    records,
    imported_at,
    imported_by,
    sha256
from imports
order by import_id desc
