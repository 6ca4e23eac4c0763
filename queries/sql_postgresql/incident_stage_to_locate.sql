-- Generated from queries/sql/incident_stage_to_locate.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_to_locate: staged rows whose district column matched no district but that have a point.
-- params: none
-- columns: line, longitude, latitude

SELECT
  line,
  longitude,
  latitude
FROM incident_stage
WHERE
  ok AND last_in_file AND NOT district_from_column AND NOT latitude IS NULL
ORDER BY
  line
