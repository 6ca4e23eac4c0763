-- Generated from queries/sql/auth_sessions_end_every.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_end_every: end every open session of every account (after a restore).
-- params: now, reason

UPDATE auth_sessions SET ended_at = %(now)s, end_reason = %(reason)s
WHERE
  ended_at IS NULL
