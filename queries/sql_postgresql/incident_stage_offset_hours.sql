-- Generated from queries/sql/incident_stage_offset_hours.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_offset_hours: do the file's UTC offsets look wrong? Over the staged rows to be
-- imported whose time carries an offset and whose hour column (HOUR) holds an hour: how many there
-- are, and on how many that hour equals the hour as written and the hour as stored (converted,
-- unless the offsets were read as local time). A file writing '+00' on local times matches the
-- written hour on every row and the converted one on none.
-- params: none (reads the temp table incident_stage)
-- columns: checked, as_written, as_stored

WITH stage AS (
  SELECT
    occurred_wall,
    occurred_at,
    hour_written
  FROM incident_stage
  WHERE
    ok AND last_in_file AND offset_written AND NOT hour_written IS NULL
), final AS (
  SELECT
    COUNT(*) AS checked,
    COUNT(*) FILTER(WHERE
      hour_written = CAST(EXTRACT(hour FROM occurred_wall) AS BIGINT)) AS as_written,
    COUNT(*) FILTER(WHERE
      hour_written = CAST(EXTRACT(hour FROM occurred_at) AS BIGINT)) AS as_stored
  FROM stage
)
SELECT
  *
FROM final
