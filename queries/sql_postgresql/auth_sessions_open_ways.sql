-- Generated from queries/sql/auth_sessions_open_ways.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_open_ways: the open sessions of an account but one, counted by the way their users
-- came in (a password change ends them and writes one sign-out row per way in).
-- params: username, keep_token_exp (nullable); columns: way_in, sessions

SELECT
  way_in,
  COUNT(*) AS sessions
FROM live.auth_sessions
WHERE
  username = %(username)s
  AND ended_at IS NULL
  AND (
    CAST(%(keep_token_exp)s AS DOUBLE PRECISION) IS NULL
    OR token_exp <> CAST(%(keep_token_exp)s AS DOUBLE PRECISION)
  )
GROUP BY
  way_in
ORDER BY
  way_in
