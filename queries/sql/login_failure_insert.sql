-- login_failure_insert: record one failed attempt for a typed username.
-- params: username, at_utc
insert into login_failures (username, at_utc) values ($username, $at_utc)
