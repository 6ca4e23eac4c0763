-- Generated from queries/sql/report_events_appendix.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- report_events_appendix: every event held in a period, for the report's appendix.
-- glossary: Every program event held in the period, with its date, time, program, district, attendance,
--   officers and officer-hours.
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: event_id, date, time, program, title, district, location, attendance, officers, officer_hours

WITH period_events AS (
  SELECT
    e.*
  FROM live.events AS e
  WHERE
    e.starts_at >= CAST(%(start_date)s AS DATE)
    AND e.starts_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND live.in_scope(%(all_districts)s, %(districts)s, e.district_id)
), staffing AS (
  SELECT
    eo.event_id,
    COUNT(*) AS officers,
    SUM(eo.hours) AS officer_hours
  FROM live.event_officers AS eo
  GROUP BY
    eo.event_id
), final AS (
  SELECT
    e.id AS event_id,
    TO_CHAR(e.starts_at, 'YYYY-MM-DD') AS date,
    TO_CHAR(e.starts_at, 'HH24:MI') AS time,
    p.name AS program,
    COALESCE(e.title, p.name) AS title,
    d.code AS district,
    e.location,
    e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business AS attendance,
    COALESCE(s.officers, 0) AS officers,
    COALESCE(s.officer_hours, 0) AS officer_hours
  FROM period_events AS e
  JOIN live.programs AS p
    ON p.id = e.program_id
  LEFT JOIN live.districts AS d
    ON d.id = e.district_id
  LEFT JOIN staffing AS s
    ON s.event_id = e.id
  ORDER BY
    e.starts_at,
    p.name,
    e.id
)
SELECT
  *
FROM final
