-- login_failures_clear_all: forget every failed attempt (after a restore, the backup's are stale).
-- params: none
delete from login_failures
