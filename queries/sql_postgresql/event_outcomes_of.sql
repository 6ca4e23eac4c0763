-- Generated from queries/sql/event_outcomes_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- event_outcomes_of: the outcome figures recorded for one event.
-- params: event_id (integer)
-- columns: measure_code, value

SELECT
  measure_code,
  value
FROM live.event_outcomes
WHERE
  event_id = %(event_id)s
ORDER BY
  measure_code
