-- imports_by_file: Each distinct file imported (by its content), when first imported and under which name
-- A file is known by the SHA-256 of its bytes: importing the same content again adds nothing.
--
-- $sha256 varchar optional: only the file with this SHA-256 (hexadecimal); every file when not given
select
    sha256,
    arg_min(file_name, import_id) as file_name,
    arg_min(kind, import_id) as kind,
    min(import_id) as import_id,
    min(imported_at) as imported_at,
    count(*) as times_imported
from imports
where ($sha256 is null or sha256 = $sha256)
group by sha256
order by import_id
