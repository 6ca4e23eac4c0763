-- Generated from queries/sql/course_cohorts_by_name.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- course_cohorts_by_name: a live cohort by its name (case-insensitive), for participant imports.
-- params: cohort_name (varchar)
-- columns: id, name

SELECT
  id,
  name
FROM live.course_cohorts
WHERE
  LOWER(name) = LOWER(TRIM(%(cohort_name)s))
ORDER BY
  start_date DESC NULLS LAST
LIMIT 1
