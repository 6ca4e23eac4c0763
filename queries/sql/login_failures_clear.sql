-- login_failures_clear: a successful sign-in starts the failure count afresh.
-- params: username
delete from login_failures where username = $username
