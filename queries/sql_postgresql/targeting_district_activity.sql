-- Generated from queries/sql/targeting_district_activity.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- targeting_district_activity: per top-level district, crime in the period and the period before beside
-- program activity, with districts where crime is high or rising and activity is low pointed out.
--   high:   incidents above the mean of the districts shown
--   rising: at least 10%% and at least 5 incidents more than the previous period
--   low:    events per 100 incidents below the mean of the districts shown (or no events at all)
-- params: all_districts, districts, start_date, end_date, prev_start, prev_end (dates, inclusive),
--         crime_type (null = all types)
-- columns: district_id, code, name, incidents, previous_incidents, change_pct, events, attendance,
--          events_per_100_incidents, crime_high, crime_rising, activity_low, attention

WITH scoped AS (
  SELECT
    d.id,
    d.code,
    d.name
  FROM live.districts AS d
  WHERE
    d.parent_id IS NULL AND live.in_scope(%(all_districts)s, %(districts)s, d.id)
), rollup AS (
  SELECT
    district_id,
    top_district_id
  FROM live.district_rollup
), incidents AS (
  SELECT
    r.top_district_id AS district_id,
    COUNT(*) FILTER(WHERE
      i.occurred_at >= CAST(%(start_date)s AS DATE)) AS incidents,
    COUNT(*) FILTER(WHERE
      i.occurred_at < CAST(%(prev_end)s AS DATE) + INTERVAL '1 DAY') AS previous_incidents
  FROM live.incidents AS i
  JOIN rollup AS r
    ON r.district_id = i.district_id
  WHERE
    i.occurred_at >= LEAST(CAST(%(start_date)s AS DATE), CAST(%(prev_start)s AS DATE))
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND (
      CAST(%(crime_type)s AS TEXT) IS NULL OR i.crime_type_code = %(crime_type)s
    )
  GROUP BY
    1
), events AS (
  SELECT
    district_id,
    events,
    attendance
  FROM live.EVENTS_BY_TOP_DISTRICT(%(start_date)s, %(end_date)s, NULL)
), joined AS (
  SELECT
    s.id AS district_id,
    s.code,
    s.name,
    COALESCE(i.incidents, 0) AS incidents,
    COALESCE(i.previous_incidents, 0) AS previous_incidents,
    COALESCE(e.events, 0) AS events,
    COALESCE(e.attendance, 0) AS attendance,
    CASE
      WHEN COALESCE(i.incidents, 0) > 0
      THEN CAST(COALESCE(e.events, 0) * 100.0 AS DOUBLE PRECISION) / i.incidents
    END AS events_per_100_incidents
  FROM scoped AS s
  LEFT JOIN incidents AS i
    ON i.district_id = s.id
  LEFT JOIN events AS e
    ON e.district_id = s.id
), flagged AS (
  SELECT
    *,
    CASE
      WHEN previous_incidents > 0
      THEN CAST(ROUND(
        CAST(CAST((
          incidents - previous_incidents
        ) * 100.0 AS DOUBLE PRECISION) / previous_incidents AS DECIMAL),
        1
      ) AS DOUBLE PRECISION)
    END AS change_pct,
    incidents > 0 AND incidents > AVG(incidents) OVER () AS crime_high,
    incidents >= previous_incidents * 1.1 AND incidents - previous_incidents >= 5 AS crime_rising,
    events = 0 OR events_per_100_incidents < AVG(events_per_100_incidents) OVER () AS activity_low
  FROM joined
), final AS (
  SELECT
    district_id,
    code,
    name,
    incidents,
    previous_incidents,
    change_pct,
    events,
    attendance,
    CAST(ROUND(CAST(events_per_100_incidents AS DECIMAL), 1) AS DOUBLE PRECISION) AS events_per_100_incidents,
    crime_high,
    crime_rising,
    activity_low,
    (
      crime_high OR crime_rising
    ) AND activity_low AND incidents > 0 AS attention
  FROM flagged
)
SELECT
  *
FROM final
ORDER BY
  attention DESC NULLS LAST,
  incidents DESC NULLS LAST,
  code
