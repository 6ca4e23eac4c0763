-- Generated from queries/sql/targeting_before_after.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- targeting_before_after: a program's target crime types in its target districts (and, for comparison,
-- in all other districts) in equal windows before and after a start date.
-- params: all_districts, districts, program_id, start_on (date: the program's start), days (integer)
-- columns: area, incidents_before, incidents_after, change_pct, window_days

WITH types AS (
  SELECT
    crime_type_code
  FROM live.program_target_crime_types
  WHERE
    program_id = %(program_id)s
), target_area AS (
  SELECT
    r.district_id
  FROM live.program_target_districts AS td
  JOIN live.district_rollup AS t
    ON t.district_id = td.district_id
  JOIN live.district_rollup AS r
    ON r.top_district_id = t.top_district_id
  WHERE
    td.program_id = %(program_id)s
), incidents AS (
  SELECT
    CASE
      WHEN i.district_id IN (
        SELECT
          district_id
        FROM target_area
      )
      THEN 'Target districts'
      ELSE 'Other districts'
    END AS area,
    i.occurred_at < CAST(%(start_on)s AS DATE) AS before_start
  FROM live.incidents AS i
  WHERE
    i.crime_type_code IN (
      SELECT
        crime_type_code
      FROM types
    )
    AND NOT i.district_id IS NULL
    AND i.occurred_at >= CAST(%(start_on)s AS DATE) - (
      (
        CAST(%(days)s AS INT)
      ) * INTERVAL '1 DAY'
    )
    AND i.occurred_at < CAST(%(start_on)s AS DATE) + (
      (
        CAST(%(days)s AS INT)
      ) * INTERVAL '1 DAY'
    )
    AND live.in_scope(%(all_districts)s, %(districts)s, i.district_id)
), areas AS (
  SELECT
    *
  FROM (VALUES
    ('Target districts', 1),
    ('Other districts', 2)) AS a(area, sort)
), final AS (
  SELECT
    a.area,
    COUNT(i.area) FILTER(WHERE
      i.before_start) AS incidents_before,
    COUNT(i.area) FILTER(WHERE
      NOT i.before_start) AS incidents_after,
    CAST(%(days)s AS INT) AS window_days,
    MIN(a.sort) AS sort
  FROM areas AS a
  LEFT JOIN incidents AS i
    ON i.area = a.area
  GROUP BY
    a.area
)
SELECT
  area,
  incidents_before,
  incidents_after,
  CASE
    WHEN incidents_before > 0
    THEN CAST(ROUND(
      CAST(CAST((
        incidents_after - incidents_before
      ) * 100.0 AS DOUBLE PRECISION) / incidents_before AS DECIMAL),
      1
    ) AS DOUBLE PRECISION)
  END AS change_pct,
  window_days
FROM final
ORDER BY
  sort
