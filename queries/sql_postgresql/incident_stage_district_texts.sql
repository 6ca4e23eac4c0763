-- Generated from queries/sql/incident_stage_district_texts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_district_texts: each distinct district text of the staged file, with its rows
-- (the importer reads each text once to match it to a district: core/district_codes.py).
-- params: none
-- columns: source_district, rows_ok (rows that will be stored)

SELECT
  source_district,
  COUNT(*) FILTER(WHERE
    ok AND last_in_file) AS rows_ok
FROM incident_stage
WHERE
  NOT source_district IS NULL
GROUP BY
  source_district
