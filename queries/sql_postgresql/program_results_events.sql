-- Generated from queries/sql/program_results_events.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_results_events: one program's events in a period, newest first, within the reader's scope
-- (same period and district rules as metric_events).
-- params: program_id (integer), start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: id, starts_at, title, location, district, attendance, officers, officer_hours,
--          feedback_avg_rating, outcomes (text: "car seats inspected 14, ...")

WITH filtered_events AS (
  SELECT
    e.*
  FROM live.events AS e
  WHERE
    e.program_id = CAST(%(program_id)s AS INT)
    AND CAST(e.starts_at AS DATE) BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
    AND live.in_scope(%(all_districts)s, %(districts)s, e.district_id)
    AND (
      CAST(%(district_id)s AS INT) IS NULL
      OR e.district_id = CAST(%(district_id)s AS INT)
    )
), staffing AS (
  SELECT
    o.event_id,
    COUNT(*) AS officers,
    SUM(o.hours) AS officer_hours
  FROM live.event_officers AS o
  GROUP BY
    o.event_id
), results AS (
  SELECT
    o.event_id,
    STRING_AGG(
      
        LOWER(m.label) || ' ' || TO_CHAR(CAST(o.value AS BIGINT), 'FM999,999,999,999,999,990'),
        ', '
      
      ORDER BY
        m.label
    ) AS outcomes
  FROM live.event_outcomes AS o
  INNER JOIN live.outcome_measures AS m
    ON m.code = o.measure_code
  GROUP BY
    o.event_id
), final AS (
  SELECT
    e.id,
    e.starts_at,
    e.title,
    e.location,
    COALESCE(d.name, 'Townwide') AS district,
    e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business AS attendance,
    COALESCE(s.officers, 0) AS officers,
    COALESCE(s.officer_hours, 0.0) AS officer_hours,
    e.feedback_avg_rating,
    r.outcomes
  FROM filtered_events AS e
  LEFT JOIN live.districts AS d
    ON d.id = e.district_id
  LEFT JOIN staffing AS s
    ON s.event_id = e.id
  LEFT JOIN results AS r
    ON r.event_id = e.id
)
SELECT
  *
FROM final
ORDER BY
  starts_at DESC NULLS LAST
