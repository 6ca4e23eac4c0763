-- Generated from queries/sql/event_officers_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- event_officers_of: officers present at one event and their hours.
-- params: event_id (integer)
-- columns: user_id, hours

SELECT
  user_id,
  hours
FROM live.event_officers
WHERE
  event_id = %(event_id)s
ORDER BY
  user_id
