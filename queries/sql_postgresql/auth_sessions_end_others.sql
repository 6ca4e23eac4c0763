-- Generated from queries/sql/auth_sessions_end_others.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_end_others: end every open session of an account except one (a password change
-- keeps the session that made it); with keep_token_exp null, end them all.
-- params: username, keep_token_exp (nullable), now, reason; columns: Count (sessions ended)

UPDATE auth_sessions SET ended_at = %(now)s, end_reason = %(reason)s
WHERE
  username = %(username)s
  AND ended_at IS NULL
  AND (
    CAST(%(keep_token_exp)s AS DOUBLE PRECISION) IS NULL
    OR token_exp <> CAST(%(keep_token_exp)s AS DOUBLE PRECISION)
  )
