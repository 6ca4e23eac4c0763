-- Generated from queries/sql/incident_stage_coordinate_counts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_coordinate_counts: the staged incidents that will be stored, counted by the class of
-- their point (core/coordinates.py); a row the reading left as the stage read it is ok with a point,
-- else missing.
-- params: none
-- columns: coordinates, n

SELECT
  COALESCE(coordinates, CASE WHEN latitude IS NULL THEN 'missing' ELSE 'ok' END) AS coordinates,
  COUNT(*) AS n
FROM incident_stage
WHERE
  ok AND last_in_file
GROUP BY
  1
ORDER BY
  1
