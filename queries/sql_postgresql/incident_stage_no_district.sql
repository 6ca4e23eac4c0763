-- Generated from queries/sql/incident_stage_no_district.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_no_district: staged incidents that neither the district column nor the location placed.
-- params: none
-- columns: n

SELECT
  COUNT(*) AS n
FROM incident_stage
WHERE
  ok AND last_in_file AND district_id IS NULL
