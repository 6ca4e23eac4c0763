-- Generated from queries/sql/incident_stage_stated_located.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_stated_located: staged rows placed by their district column that also have a
-- point (to count those whose point lies in another district than the one they state).
-- params: none
-- columns: district_id, longitude, latitude

SELECT
  district_id,
  longitude,
  latitude
FROM incident_stage
WHERE
  ok AND last_in_file AND district_from_column AND NOT latitude IS NULL
ORDER BY
  district_id
