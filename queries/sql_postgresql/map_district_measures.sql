-- Generated from queries/sql/map_district_measures.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- map_district_measures: every map measure per top-level district for a period and filter.
-- params: all_districts (boolean), districts (list of ids), start_date (date), end_date (date, inclusive),
--         crime_type (varchar, null = all types), program_id (integer, null = all programs)
-- columns: district_id, code, name, population, events, attendance, attendance_per_1000,
--          businesses, businesses_verified_12m, open_concerns, incidents, incidents_per_event

WITH scoped AS (
  SELECT
    d.id,
    d.code,
    d.name,
    d.population
  FROM live.districts AS d
  WHERE
    d.parent_id IS NULL AND live.in_scope(%(all_districts)s, %(districts)s, d.id)
), rollup AS (
  SELECT
    district_id,
    top_district_id
  FROM live.district_rollup
), events AS (
  SELECT
    district_id,
    events,
    attendance
  FROM live.EVENTS_BY_TOP_DISTRICT(%(start_date)s, %(end_date)s, %(program_id)s)
), businesses AS (
  SELECT
    r.top_district_id AS district_id,
    COUNT(*) AS businesses,
    COUNT(*) FILTER(WHERE
      l.verified_on > CAST(%(end_date)s AS DATE) - INTERVAL '1 YEAR') AS businesses_verified_12m
  FROM live.businesses AS b
  JOIN rollup AS r
    ON r.district_id = b.district_id
  LEFT JOIN live.BUSINESS_LAST_CHECKS(CAST(%(end_date)s AS DATE)) AS l
    ON l.business_id = b.id
  GROUP BY
    1
), concerns AS (
  SELECT
    r.top_district_id AS district_id,
    COUNT(*) AS open_concerns
  FROM live.concerns AS c
  JOIN rollup AS r
    ON r.district_id = c.district_id
  WHERE
    c.received_on <= CAST(%(end_date)s AS DATE)
    AND (
      c.resolved_on IS NULL OR c.resolved_on > CAST(%(end_date)s AS DATE)
    )
  GROUP BY
    1
), incidents AS (
  SELECT
    r.top_district_id AS district_id,
    COUNT(*) AS incidents
  FROM live.incidents AS i
  JOIN rollup AS r
    ON r.district_id = i.district_id
  WHERE
    i.occurred_at >= CAST(%(start_date)s AS DATE)
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND (
      CAST(%(crime_type)s AS TEXT) IS NULL OR i.crime_type_code = %(crime_type)s
    )
  GROUP BY
    1
), final AS (
  SELECT
    s.id AS district_id,
    s.code,
    s.name,
    s.population,
    COALESCE(e.events, 0) AS events,
    COALESCE(e.attendance, 0) AS attendance,
    CASE
      WHEN s.population > 0
      THEN CAST(ROUND(
        CAST(CAST(COALESCE(e.attendance, 0) * 1000.0 AS DOUBLE PRECISION) / s.population AS DECIMAL),
        1
      ) AS DOUBLE PRECISION)
    END AS attendance_per_1000,
    COALESCE(b.businesses, 0) AS businesses,
    COALESCE(b.businesses_verified_12m, 0) AS businesses_verified_12m,
    COALESCE(c.open_concerns, 0) AS open_concerns,
    COALESCE(i.incidents, 0) AS incidents,
    CASE
      WHEN COALESCE(e.events, 0) > 0
      THEN CAST(ROUND(CAST(CAST(COALESCE(i.incidents, 0) AS DOUBLE PRECISION) / e.events AS DECIMAL), 1) AS DOUBLE PRECISION)
    END AS incidents_per_event
  FROM scoped AS s
  LEFT JOIN events AS e
    ON e.district_id = s.id
  LEFT JOIN businesses AS b
    ON b.district_id = s.id
  LEFT JOIN concerns AS c
    ON c.district_id = s.id
  LEFT JOIN incidents AS i
    ON i.district_id = s.id
)
SELECT
  *
FROM final
ORDER BY
  code
