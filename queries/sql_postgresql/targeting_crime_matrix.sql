-- Generated from queries/sql/targeting_crime_matrix.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- targeting_crime_matrix: incidents by crime type x top-level district for a period (long form).
-- Incidents in no district are listed under district '(none)'; offenses not mapped to a crime type
-- under crime type 'unmapped'.
-- params: all_districts, districts, start_date, end_date (dates, inclusive)
-- columns: district_code, district_name, crime_type_code, crime_type, category, incidents

WITH rollup AS (
  SELECT
    r.district_id,
    d.code,
    d.name
  FROM live.district_rollup AS r
  JOIN live.districts AS d
    ON d.id = r.top_district_id
), incidents AS (
  SELECT
    COALESCE(r.code, '(none)') AS district_code,
    COALESCE(r.name, 'In no district') AS district_name,
    COALESCE(i.crime_type_code, 'unmapped') AS crime_type_code
  FROM live.incidents AS i
  LEFT JOIN rollup AS r
    ON r.district_id = i.district_id
  WHERE
    i.occurred_at >= CAST(%(start_date)s AS DATE)
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND live.in_scope(%(all_districts)s, %(districts)s, i.district_id)
), final AS (
  SELECT
    i.district_code,
    MIN(i.district_name) AS district_name,
    i.crime_type_code,
    COALESCE(MIN(t.label), 'Not mapped to a crime type') AS crime_type,
    COALESCE(MIN(t.category), 'unmapped') AS category,
    COUNT(*) AS incidents
  FROM incidents AS i
  LEFT JOIN live.crime_types AS t
    ON t.code = i.crime_type_code
  GROUP BY
    i.district_code,
    i.crime_type_code
)
SELECT
  *
FROM final
ORDER BY
  district_code,
  crime_type_code
