-- Generated from queries/sql/metric_events.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_events: program delivery figures for one period (the events family), in all and per
-- district (the first row is the total, then one row per district; null district = townwide).
-- Shared definition: the overview, the program page and the monthly report all read this file.
-- An event counts in the period when it starts on a day from start_date to end_date (inclusive).
-- Townwide events (no district, e.g. the Crime Stoppers monthly summary) count only when no
-- district is chosen and the reader sees all districts.
-- params: start_date, end_date (date); all_districts (boolean), districts (list of district ids);
--         district_id (integer or null), category (varchar or null), program_id (integer or null)
-- columns: total (true on the first row), district_id, events, attendance, attendance_youth,
--          attendance_adult, attendance_senior, attendance_business, officers_involved,
--          officer_hours, programs_active

WITH counted_events AS (
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
), delivered AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    district_id,
    COUNT(*) AS events,
    COALESCE(SUM(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0) AS attendance,
    COALESCE(SUM(headcount_youth), 0) AS attendance_youth,
    COALESCE(SUM(headcount_adult), 0) AS attendance_adult,
    COALESCE(SUM(headcount_senior), 0) AS attendance_senior,
    COALESCE(SUM(headcount_business), 0) AS attendance_business,
    COUNT(DISTINCT program_id) AS programs_active
  FROM counted_events
  GROUP BY
    GROUPING SETS (
      (),
      (
        district_id
      )
    )
), staffing AS (
  SELECT
    GROUPING(e.district_id) = 1 AS total,
    e.district_id,
    COUNT(DISTINCT o.user_id) AS officers_involved,
    SUM(o.hours) AS officer_hours
  FROM live.event_officers AS o
  INNER JOIN counted_events AS e
    ON e.id = o.event_id
  GROUP BY
    GROUPING SETS (
      (),
      (
        e.district_id
      )
    )
), final AS (
  SELECT
    d.total,
    d.district_id,
    d.events,
    d.attendance,
    d.attendance_youth,
    d.attendance_adult,
    d.attendance_senior,
    d.attendance_business,
    COALESCE(s.officers_involved, 0) AS officers_involved,
    COALESCE(s.officer_hours, 0.0) AS officer_hours,
    d.programs_active
  FROM delivered AS d
  LEFT JOIN staffing AS s
    ON s.total = d.total AND s.district_id IS NOT DISTINCT FROM d.district_id
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
