-- audit_insert: one audit row, written in the caller's transaction.
-- params: at_utc, username, role, action, table_name, record_id, before, after, detail (JSON text or null)
insert into audit_log (at_utc, username, role, action, table_name, record_id, before, after, detail)
values ($at_utc, $username, $role, $action, $table_name, $record_id, $before, $after, $detail)
