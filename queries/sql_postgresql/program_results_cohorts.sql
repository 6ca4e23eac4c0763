-- Generated from queries/sql/program_results_cohorts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_results_cohorts: a course program's cohorts with enrolment, completion and attendance.
-- Completion rate: completed enrolments / enrolments (withdrawals included in the base).
-- Attendance rate: sessions marked present / (enrolments x sessions held).
-- params: program_id (integer)
-- columns: cohort_id, cohort, start_date, end_date, capacity, enrolled, completed, withdrawn,
--          completion_rate (0-1 or null), sessions, attendance_rate (0-1 or null), ride_alongs

WITH cohorts AS (
  SELECT
    c.*
  FROM live.course_cohorts AS c
  WHERE
    c.program_id = CAST(%(program_id)s AS INT)
), enrolled AS (
  SELECT
    n.cohort_id,
    COUNT(*) AS enrolled,
    COUNT(*) FILTER(WHERE
      n.completed) AS completed,
    COUNT(*) FILTER(WHERE
      n.status = 'withdrawn') AS withdrawn,
    COUNT(n.ride_along_on) AS ride_alongs
  FROM live.enrolments AS n
  INNER JOIN cohorts AS c
    ON c.id = n.cohort_id
  GROUP BY
    n.cohort_id
), sessions AS (
  SELECT
    e.cohort_id,
    COUNT(*) AS sessions
  FROM live.events AS e
  INNER JOIN cohorts AS c
    ON c.id = e.cohort_id
  GROUP BY
    e.cohort_id
), presence AS (
  SELECT
    n.cohort_id,
    COUNT(*) FILTER(WHERE
      r.present) AS present
  FROM live.roster_attendance AS r
  INNER JOIN live.enrolments AS n
    ON n.id = r.enrolment_id
  INNER JOIN cohorts AS c
    ON c.id = n.cohort_id
  GROUP BY
    n.cohort_id
), final AS (
  SELECT
    c.id AS cohort_id,
    c.name AS cohort,
    c.start_date,
    c.end_date,
    c.capacity,
    COALESCE(n.enrolled, 0) AS enrolled,
    COALESCE(n.completed, 0) AS completed,
    COALESCE(n.withdrawn, 0) AS withdrawn,
    CAST(n.completed AS DOUBLE PRECISION) / NULLIF(n.enrolled, 0) AS completion_rate,
    COALESCE(s.sessions, 0) AS sessions,
    CAST(p.present AS DOUBLE PRECISION) / NULLIF(n.enrolled * s.sessions, 0) AS attendance_rate,
    COALESCE(n.ride_alongs, 0) AS ride_alongs
  FROM cohorts AS c
  LEFT JOIN enrolled AS n
    ON n.cohort_id = c.id
  LEFT JOIN sessions AS s
    ON s.cohort_id = c.id
  LEFT JOIN presence AS p
    ON p.cohort_id = c.id
)
SELECT
  *
FROM final
ORDER BY
  start_date
