-- Generated from queries/sql/incidents_date_range.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_date_range: the first and last day with a stored incident (for default periods).
-- columns: first_day, last_day, incidents

SELECT
  CAST(MIN(occurred_at) AS DATE) AS first_day,
  CAST(MAX(occurred_at) AS DATE) AS last_day,
  COUNT(*) AS incidents
FROM live.incidents
