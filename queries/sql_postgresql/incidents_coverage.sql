-- Generated from queries/sql/incidents_coverage.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_coverage: the first and last day of the imported crime incidents (null when none).
-- params: none
-- columns: first_day, last_day

SELECT
  CAST(MIN(occurred_at) AS DATE) AS first_day,
  CAST(MAX(occurred_at) AS DATE) AS last_day
FROM live.incidents
