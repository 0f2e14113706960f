-- The audit log: every download and every import, in its own database file beside the data.
-- Rows are only ever added (bsdash.audit.AuditLog.append); nothing updates or deletes them.
-- Statements are separated by a line holding only `;;`, as in schema.sql.

create sequence if not exists audit_id_seq start 1;
;;
create table if not exists audit_log (
    audit_id bigint primary key default nextval('audit_id_seq'),
    happened_at timestamp not null default current_localtimestamp(),
    who varchar not null,
    role varchar not null,
    action varchar not null check (action in ('download', 'import')),
    what varchar not null,
    parameters varchar,
    file_name varchar not null,
    sha256 varchar check (sha256 is null or regexp_full_match(sha256, '[0-9a-f]{64}')),
    row_count bigint not null check (row_count >= 0),
    outcome varchar not null,
    place varchar not null
);
;;
comment on table audit_log is 'Every download and every import, who made it, when, of what, and how many rows (in its own database file beside the data: bsdash.audit.duckdb beside bsdash.duckdb, or BSDASH_AUDIT_DB). Rows are only ever added.';
;;
comment on column audit_log.audit_id is 'Sequential number of the entry.';
;;
comment on column audit_log.happened_at is 'Local time of the download or import.';
;;
comment on column audit_log.who is 'The signed-in person: their e-mail (or user principal name) for reading, with the ID that identifies them in brackets (Entra ID''s object ID, or the sign-in''s subject), which never changes; the operating-system user for the command line; or "sign-in off".';
;;
comment on column audit_log.role is 'Their role: leader, planner, analyst or administrator; "command line" for the shell.';
;;
comment on column audit_log.action is 'download (a CSV or Excel file left the dashboard) or import (an export file, or reference-map changes, were loaded).';
;;
comment on column audit_log.what is 'For a download, the named query the rows came from (or the table, when they come from no single query); for an import, the kind of export.';
;;
comment on column audit_log.parameters is 'For a download, the query''s bound parameters as JSON (including the departments a planner is limited to); for an import, its options as JSON.';
;;
comment on column audit_log.file_name is 'The file downloaded or imported (the name it was given).';
;;
comment on column audit_log.sha256 is 'SHA-256 of the file''s bytes: exactly what was downloaded or imported.';
;;
comment on column audit_log.row_count is 'Rows in the downloaded table, or rows read from the imported file.';
;;
comment on column audit_log.outcome is 'What happened: the file format of a download; for an import, rows loaded, quarantined and duplicated, or why it was skipped or refused.';
;;
comment on column audit_log.place is 'Where it happened: the dashboard page, or "command line".';
