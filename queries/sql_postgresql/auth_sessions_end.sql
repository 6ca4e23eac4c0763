-- Generated from queries/sql/auth_sessions_end.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_end: end a session; its cookie no longer signs anyone in.
-- params: username, token_exp, now, reason

UPDATE auth_sessions SET ended_at = %(now)s, end_reason = %(reason)s
WHERE
  username = %(username)s AND token_exp = %(token_exp)s AND ended_at IS NULL
