-- Generated from queries/sql/district_crime_types.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- district_crime_types: incidents by crime type in one district (with its sectors/beats) for a period
-- and the period before it.
-- params: all_districts, districts, district_id, start_date, end_date, prev_start, prev_end (dates, inclusive)
-- columns: crime_type, incidents, previous_period

WITH rollup AS (
  SELECT
    district_id
  FROM live.district_rollup
  WHERE
    top_district_id = %(district_id)s
    AND live.in_scope(%(all_districts)s, %(districts)s, %(district_id)s)
), incidents AS (
  SELECT
    COALESCE(t.label, 'Not mapped to a crime type') AS crime_type,
    i.occurred_at
  FROM live.incidents AS i
  LEFT JOIN live.crime_types AS t
    ON t.code = i.crime_type_code
  WHERE
    i.district_id IN (
      SELECT
        district_id
      FROM rollup
    )
    AND i.occurred_at >= CAST(%(prev_start)s AS DATE)
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
), final AS (
  SELECT
    crime_type,
    COUNT(*) FILTER(WHERE
      occurred_at >= CAST(%(start_date)s AS DATE)) AS incidents,
    COUNT(*) FILTER(WHERE
      occurred_at < CAST(%(prev_end)s AS DATE) + INTERVAL '1 DAY') AS previous_period
  FROM incidents
  GROUP BY
    crime_type
)
SELECT
  *
FROM final
WHERE
  incidents > 0 OR previous_period > 0
ORDER BY
  incidents DESC NULLS LAST,
  crime_type
