-- Generated from queries/sql/incidents_apply_offense_mappings.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_apply_offense_mappings: re-derive every stored incident's crime type from the saved mapping
-- (after the mapping was edited). Incidents are imported records, not referenced by other tables.
-- params: none

UPDATE main.incidents AS i SET crime_type_code = m.crime_type_code
FROM (
  SELECT
    i2.id,
    m2.crime_type_code
  FROM main.incidents AS i2
  LEFT JOIN live.offense_mappings AS m2
    ON m2.offense_description = UPPER(
      REGEXP_REPLACE(TRIM(COALESCE(i2.offense_description, i2.offense)), '\s+', ' ', 'g')
    )
  WHERE
    i2.crime_type_code IS DISTINCT FROM m2.crime_type_code
) AS m
WHERE
  i.id = m.id
