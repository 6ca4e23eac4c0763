-- Generated from queries/sql/metric_events_by_program.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_events_by_program: the metric_events figures per program, every program that held an event
-- in the period. Same definition as metric_events.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: program_id, program, category, status, events, attendance, officers_involved, officer_hours

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
), per_event AS (
  SELECT
    program_id,
    COUNT(*) AS events,
    SUM(headcount_youth + headcount_adult + headcount_senior + headcount_business) AS attendance
  FROM filtered_events
  GROUP BY
    program_id
), per_staff AS (
  SELECT
    e.program_id,
    COUNT(DISTINCT o.user_id) AS officers_involved,
    SUM(o.hours) AS officer_hours
  FROM live.event_officers AS o
  INNER JOIN filtered_events AS e
    ON e.id = o.event_id
  GROUP BY
    e.program_id
), final AS (
  SELECT
    p.id AS program_id,
    p.name AS program,
    p.category,
    p.status,
    e.events,
    e.attendance,
    COALESCE(s.officers_involved, 0) AS officers_involved,
    COALESCE(s.officer_hours, 0.0) AS officer_hours
  FROM per_event AS e
  INNER JOIN live.programs AS p
    ON p.id = e.program_id
  LEFT JOIN per_staff AS s
    ON s.program_id = e.program_id
)
SELECT
  *
FROM final
ORDER BY
  attendance DESC NULLS LAST,
  program
