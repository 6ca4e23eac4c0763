-- user_by_id: an active live account by id, for validating officer pickers.
-- params: id (integer)
-- columns: id, username, display_name, role
select id, username, display_name, role from live.users where id = $id and active
