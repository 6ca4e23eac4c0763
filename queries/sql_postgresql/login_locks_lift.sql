-- Generated from queries/sql/login_locks_lift.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_locks_lift: an administrator lifts a lock (the failures behind it are cleared separately).
-- params: username, now, by

UPDATE login_locks SET unlocked_at = %(now)s, unlocked_by = %(by)s
WHERE
  username = %(username)s AND unlocked_at IS NULL
