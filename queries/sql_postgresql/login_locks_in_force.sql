-- Generated from queries/sql/login_locks_in_force.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_locks_in_force: whether the typed username is locked now.
-- params: username, now (UTC); columns: locked (boolean)

SELECT
  COUNT(*) > 0 AS locked
FROM live.login_locks
WHERE
  username = %(username)s AND unlocked_at IS NULL AND locked_until > %(now)s
