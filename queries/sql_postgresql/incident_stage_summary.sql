-- Generated from queries/sql/incident_stage_summary.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_summary: what an incident file holds, counted over the staged rows.
-- params: none (reads the temp table incident_stage)
-- columns: rows_read, rows_ok, no_number, bad_date, placeholder_date, duplicates_in_file, existing, without_location,
--          location_bad, district_from_column, needs_locating, unmapped_rows, unmapped_offenses

WITH stage AS (
  SELECT
    *
  FROM incident_stage
), final AS (
  SELECT
    COUNT(*) AS rows_read,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file) AS rows_ok,
    COUNT(*) FILTER(WHERE
      incident_number IS NULL) AS no_number,
    COUNT(*) FILTER(WHERE
      NOT incident_number IS NULL AND occurred_at IS NULL AND NOT placeholder_date) AS bad_date,
    COUNT(*) FILTER(WHERE
      NOT incident_number IS NULL AND placeholder_date) AS placeholder_date,
    COUNT(*) FILTER(WHERE
      ok AND NOT last_in_file) AS duplicates_in_file,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND NOT existing_id IS NULL) AS existing,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND latitude IS NULL) AS without_location,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND location_bad) AS location_bad,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND district_from_column) AS district_from_column,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND NOT district_from_column AND NOT latitude IS NULL) AS needs_locating,
    COUNT(*) FILTER(WHERE
      ok AND last_in_file AND crime_type_code IS NULL) AS unmapped_rows,
    COUNT(DISTINCT offense_key) FILTER(WHERE
      ok AND last_in_file AND crime_type_code IS NULL) AS unmapped_offenses
  FROM stage
)
SELECT
  *
FROM final
