-- Generated from queries/sql/auth_session.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_session: one sign-in session with its account's role.
-- params: username, token_exp
-- columns: username, token_exp, started_at, last_seen_at, ended_at, end_reason, user_id, role

SELECT
  s.username,
  s.token_exp,
  s.started_at,
  s.last_seen_at,
  s.ended_at,
  s.end_reason,
  u.id AS user_id,
  u.role
FROM live.auth_sessions AS s
JOIN live.users AS u
  ON u.username = s.username AND u.active
WHERE
  s.username = %(username)s AND s.token_exp = %(token_exp)s
