-- Generated from queries/sql/offense_unmapped.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- offense_unmapped: offense descriptions of stored incidents that map to no crime type, most common first.
-- params: none
-- columns: offense_description, incidents
-- Counted per stored description first and normalised after (few distinct texts, many incidents).

WITH raw AS (
  SELECT
    COALESCE(offense_description, offense) AS raw_description,
    COUNT(*) AS incidents
  FROM live.incidents
  WHERE
    crime_type_code IS NULL
  GROUP BY
    1
), unmapped AS (
  SELECT
    UPPER(REGEXP_REPLACE(TRIM(raw_description), '\s+', ' ', 'g')) AS offense_description,
    incidents
  FROM raw
), final AS (
  SELECT
    COALESCE(offense_description, '(blank)') AS offense_description,
    CAST(SUM(incidents) AS BIGINT) AS incidents
  FROM unmapped
  GROUP BY
    1
)
SELECT
  *
FROM final
ORDER BY
  incidents DESC NULLS LAST,
  offense_description
