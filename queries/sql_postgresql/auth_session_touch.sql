-- Generated from queries/sql/auth_session_touch.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_session_touch: the session was used just now (idle timeout starts again).
-- params: username, token_exp, now

UPDATE auth_sessions SET last_seen_at = %(now)s
WHERE
  username = %(username)s AND token_exp = %(token_exp)s AND ended_at IS NULL
