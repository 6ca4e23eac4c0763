-- Generated from queries/sql/stored_district_texts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- stored_district_texts: each distinct district text stated by stored incidents, with how many
-- incidents state it (the Crime data page lists those that name no district).
-- params: none
-- columns: source_district, incidents

SELECT
  source_district,
  COUNT(*) AS incidents
FROM live.incidents
WHERE
  NOT source_district IS NULL
GROUP BY
  source_district
