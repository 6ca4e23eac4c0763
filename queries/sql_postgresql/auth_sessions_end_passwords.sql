-- Generated from queries/sql/auth_sessions_end_passwords.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_end_passwords: end every open password session but the break-glass administrator's
-- (local passwords switched off: a password user's cookie signs nobody in from then on).
-- params: keep_username, now, reason; columns: username (one row per session ended)

UPDATE auth_sessions SET ended_at = %(now)s, end_reason = %(reason)s
WHERE
  ended_at IS NULL AND way_in = 'password' AND username <> %(keep_username)s
RETURNING username
