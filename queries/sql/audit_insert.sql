-- audit_insert: one audit row, written in the caller's transaction.
-- params: at_utc, username, role, action, table_name, record_id, before, after, detail (JSON text or null),
--         way_in (sign-ins, sign-outs and refusals: 'password' or 'provider'; else null)
insert into audit_log (at_utc, username, role, action, table_name, record_id, before, after, detail, way_in)
values ($at_utc, $username, $role, $action, $table_name, $record_id, $before, $after, $detail, $way_in)
