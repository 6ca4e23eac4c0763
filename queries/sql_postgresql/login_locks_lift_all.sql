-- Generated from queries/sql/login_locks_lift_all.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_locks_lift_all: lift every lock still in force (after a restore, the backup's are stale).
-- params: now, by

UPDATE login_locks SET unlocked_at = %(now)s, unlocked_by = %(by)s
WHERE
  unlocked_at IS NULL
