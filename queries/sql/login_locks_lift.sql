-- login_locks_lift: an administrator lifts a lock (the failures behind it are cleared separately).
-- params: username, now, by
update login_locks set unlocked_at = $now, unlocked_by = $by
where username = $username and unlocked_at is null
