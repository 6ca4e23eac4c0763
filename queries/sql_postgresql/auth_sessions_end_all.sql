-- Generated from queries/sql/auth_sessions_end_all.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_end_all: end every open session of an account (deactivation).
-- params: username, now, reason

UPDATE auth_sessions SET ended_at = %(now)s, end_reason = %(reason)s
WHERE
  username = %(username)s AND ended_at IS NULL
