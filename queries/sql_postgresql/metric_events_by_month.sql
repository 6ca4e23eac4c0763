-- Generated from queries/sql/metric_events_by_month.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_events_by_month: events and attendance per calendar month and program category.
-- Same definition as metric_events (see there); every month of the period appears for every
-- category that held an event in the period, with zeros where nothing happened.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: month (date, first day), category, events, attendance, officer_hours

WITH filtered_events AS (
  SELECT
    *
  FROM live.SCOPED_EVENTS(
    %(all_districts)s,
    %(districts)s,
    %(start_date)s,
    %(end_date)s,
    %(district_id)s,
    %(category)s,
    %(program_id)s
  )
), hours AS (
  SELECT
    o.event_id,
    SUM(o.hours) AS hours
  FROM live.event_officers AS o
  GROUP BY
    o.event_id
), months AS (
  SELECT
    CAST(GENERATE_SERIES(
      CAST(CAST(DATE_TRUNC('MONTH', CAST(%(start_date)s AS DATE)) AS DATE) AS TIMESTAMP),
      CAST(CAST(%(end_date)s AS DATE) AS TIMESTAMP),
      INTERVAL '1 MONTH'
    ) AS DATE) AS month
), categories AS (
  SELECT DISTINCT
    category
  FROM filtered_events
), counted AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', e.starts_at) AS DATE) AS month,
    e.category,
    COUNT(*) AS events,
    SUM(
      e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business
    ) AS attendance,
    COALESCE(SUM(h.hours), 0.0) AS officer_hours
  FROM filtered_events AS e
  LEFT JOIN hours AS h
    ON h.event_id = e.id
  GROUP BY
    1,
    2
), final AS (
  SELECT
    m.month,
    c.category,
    COALESCE(n.events, 0) AS events,
    COALESCE(n.attendance, 0) AS attendance,
    COALESCE(n.officer_hours, 0.0) AS officer_hours
  FROM months AS m
  CROSS JOIN categories AS c
  LEFT JOIN counted AS n
    ON n.month = m.month AND n.category = c.category
)
SELECT
  *
FROM final
ORDER BY
  month,
  category
