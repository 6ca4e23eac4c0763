-- Generated from queries/sql/cohort_sessions.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- cohort_sessions: the session events of one cohort, in order.
-- params: cohort_id (integer)
-- columns: id, session_number, starts_at, title

SELECT
  id,
  session_number,
  starts_at,
  title
FROM live.events
WHERE
  cohort_id = %(cohort_id)s
ORDER BY
  starts_at,
  session_number
