-- Generated from queries/sql/event_partners_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- event_partners_of: partner organizations of one event.
-- params: event_id (integer)
-- columns: organization_id

SELECT
  organization_id
FROM live.event_partners
WHERE
  event_id = %(event_id)s
ORDER BY
  organization_id
