-- Generated from queries/sql/district_programs.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- district_programs: program events and attendance in one district (with its sectors/beats) for a period.
-- params: all_districts, districts, district_id, start_date, end_date (dates, inclusive)
-- columns: program, events, attendance

WITH rollup AS (
  SELECT
    district_id
  FROM live.district_rollup
  WHERE
    top_district_id = %(district_id)s
    AND live.in_scope(%(all_districts)s, %(districts)s, %(district_id)s)
), final AS (
  SELECT
    p.name AS program,
    COUNT(*) AS events,
    CAST(SUM(
      e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business
    ) AS BIGINT) AS attendance
  FROM live.events AS e
  JOIN live.programs AS p
    ON p.id = e.program_id
  WHERE
    e.district_id IN (
      SELECT
        district_id
      FROM rollup
    )
    AND e.starts_at >= CAST(%(start_date)s AS DATE)
    AND e.starts_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
  GROUP BY
    p.name
)
SELECT
  *
FROM final
ORDER BY
  events DESC NULLS LAST,
  program
