-- login_failures_recent: failed attempts for a typed username since `since`
-- (unlocking and signing in clear the earlier ones).
-- params: username, since (UTC); columns: failures
select count(*) as failures
from live.login_failures
where username = $username and at_utc >= $since
