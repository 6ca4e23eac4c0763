-- Generated from queries/sql/auth_sessions_open_count.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- auth_sessions_open_count: how many sign-in sessions are open (not ended).
-- params: none
-- columns: sessions

SELECT
  COUNT(*) AS sessions
FROM auth_sessions
WHERE
  ended_at IS NULL
