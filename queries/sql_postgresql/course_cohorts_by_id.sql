-- Generated from queries/sql/course_cohorts_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- course_cohorts_by_id: one live cohort with its enrolment count.
-- params: id (integer)
-- columns: every course_cohorts column, enrolled

SELECT
  c.*,
  (
    SELECT
      COUNT(*)
    FROM live.enrolments AS e
    WHERE
      e.cohort_id = c.id AND e.status <> 'withdrawn'
  ) AS enrolled
FROM live.course_cohorts AS c
WHERE
  c.id = %(id)s
