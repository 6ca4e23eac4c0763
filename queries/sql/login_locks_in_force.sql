-- login_locks_in_force: whether the typed username is locked now.
-- params: username, now (UTC); columns: locked (boolean)
select count(*) > 0 as locked
from live.login_locks
where username = $username and unlocked_at is null and locked_until > $now
