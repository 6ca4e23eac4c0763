-- Generated from queries/sql/cohorts_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- cohorts_list: course cohorts with enrolment, sessions and completion rate.
-- params: none
-- columns: id, version, program, cohort, start_date, end_date, capacity, sessions, enrolled, withdrawn,
--          completed, ride_alongs, completion_rate

WITH enrolment AS (
  SELECT
    cohort_id,
    COUNT(*) AS enrolled,
    COUNT(*) FILTER(WHERE
      status = 'withdrawn') AS withdrawn,
    COUNT(*) FILTER(WHERE
      completed) AS completed,
    COUNT(ride_along_on) AS ride_alongs
  FROM live.enrolments
  GROUP BY
    cohort_id
), sessions AS (
  SELECT
    cohort_id,
    COUNT(*) AS sessions
  FROM live.events
  WHERE
    NOT cohort_id IS NULL
  GROUP BY
    cohort_id
), final AS (
  SELECT
    c.id,
    c.version,
    p.name AS program,
    c.name AS cohort,
    c.start_date,
    c.end_date,
    c.capacity,
    COALESCE(s.sessions, 0) AS sessions,
    COALESCE(e.enrolled, 0) AS enrolled,
    COALESCE(e.withdrawn, 0) AS withdrawn,
    COALESCE(e.completed, 0) AS completed,
    COALESCE(e.ride_alongs, 0) AS ride_alongs,
    CASE
      WHEN COALESCE(e.enrolled, 0) = 0
      THEN NULL
      ELSE CAST(CAST(ROUND(CAST(CAST(100.0 * e.completed AS DOUBLE PRECISION) / e.enrolled AS DECIMAL), 1) AS DOUBLE PRECISION) AS DOUBLE PRECISION)
    END AS completion_rate
  FROM live.course_cohorts AS c
  JOIN live.programs AS p
    ON p.id = c.program_id
  LEFT JOIN enrolment AS e
    ON e.cohort_id = c.id
  LEFT JOIN sessions AS s
    ON s.cohort_id = c.id
  ORDER BY
    c.start_date DESC NULLS LAST,
    c.name
)
SELECT
  *
FROM final
