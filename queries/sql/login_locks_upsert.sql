-- login_locks_upsert: lock a username until `until`.
-- params: username, now, until (UTC)
insert or replace into login_locks (username, locked_at, locked_until, unlocked_at, unlocked_by)
values ($username, $now, $until, null, null)
