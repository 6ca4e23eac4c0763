-- password_history_insert: keep the hash a password change replaces.
-- params: user_id, password_hash, replaced_at (UTC)
insert into password_history (user_id, password_hash, replaced_at)
values ($user_id, $password_hash, $replaced_at)
