-- Generated from queries/sql/metric_crime_targeted.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_crime_targeted: incidents of the crime types that active programs target, in the districts
-- they target it in, for a period, the period before and the same period a year earlier.
-- A (district, crime type) pair is targeted when one program active during the period names both.
-- glossary: Incidents of the crime types that the unit's programs target, counted in the districts where a
--   program active in the period targets them, for the period, the period before and the same
--   period a year earlier.
-- params: start_date, end_date, prev_start, prev_end, ly_start, ly_end (dates, ends inclusive),
--         all_districts (boolean), districts (list of district ids)
-- columns: district, crime_type, crime_type_label, programs, incidents, incidents_previous, incidents_last_year

WITH active_programs AS (
  SELECT
    p.id,
    p.name
  FROM live.programs AS p
  WHERE
    p.status IN ('active', 'paused', 'ended')
    AND (
      p.start_date IS NULL OR p.start_date <= CAST(%(end_date)s AS DATE)
    )
    AND (
      p.end_date IS NULL OR p.end_date >= CAST(%(start_date)s AS DATE)
    )
), targets AS (
  SELECT
    td.district_id,
    tc.crime_type_code,
    STRING_AGG(DISTINCT ap.name, '; '
    ORDER BY
      ap.name) AS programs
  FROM active_programs AS ap
  JOIN live.program_target_districts AS td
    ON td.program_id = ap.id
  JOIN live.program_target_crime_types AS tc
    ON tc.program_id = ap.id
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, td.district_id)
  GROUP BY
    td.district_id,
    tc.crime_type_code
), counted AS (
  SELECT
    t.district_id,
    t.crime_type_code,
    t.programs,
    COUNT(i.id) FILTER(WHERE
      i.occurred_at >= CAST(%(start_date)s AS DATE)
      AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY') AS incidents,
    COUNT(i.id) FILTER(WHERE
      i.occurred_at >= CAST(%(prev_start)s AS DATE)
      AND i.occurred_at < CAST(%(prev_end)s AS DATE) + INTERVAL '1 DAY') AS incidents_previous,
    COUNT(i.id) FILTER(WHERE
      i.occurred_at >= CAST(%(ly_start)s AS DATE)
      AND i.occurred_at < CAST(%(ly_end)s AS DATE) + INTERVAL '1 DAY') AS incidents_last_year
  FROM targets AS t
  LEFT JOIN live.incidents AS i
    ON i.district_id = t.district_id
    AND i.crime_type_code = t.crime_type_code
    AND (
      (
        i.occurred_at >= CAST(%(start_date)s AS DATE)
        AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
      )
      OR (
        i.occurred_at >= CAST(%(prev_start)s AS DATE)
        AND i.occurred_at < CAST(%(prev_end)s AS DATE) + INTERVAL '1 DAY'
      )
      OR (
        i.occurred_at >= CAST(%(ly_start)s AS DATE)
        AND i.occurred_at < CAST(%(ly_end)s AS DATE) + INTERVAL '1 DAY'
      )
    )
  GROUP BY
    t.district_id,
    t.crime_type_code,
    t.programs
), final AS (
  SELECT
    d.code AS district,
    c.crime_type_code AS crime_type,
    ct.label AS crime_type_label,
    c.programs,
    c.incidents,
    c.incidents_previous,
    c.incidents_last_year
  FROM counted AS c
  JOIN live.districts AS d
    ON d.id = c.district_id
  JOIN live.crime_types AS ct
    ON ct.code = c.crime_type_code
  ORDER BY
    d.code,
    c.incidents DESC NULLS LAST,
    ct.label
)
SELECT
  *
FROM final
