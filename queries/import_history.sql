-- import_history: Every import, newest first, with what happened to its rows
-- Rows read = loaded + quarantined + duplicates, always.
select
    import_id,
    file_name,
    kind,
    rows_read,
    loaded,
    quarantined,
    duplicates,
    imported_at,
    imported_by,
    sha256
from imports
order by import_id desc
