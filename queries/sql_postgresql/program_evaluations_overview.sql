-- Generated from queries/sql/program_evaluations_overview.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_evaluations_overview: every program running during a year, with its evaluation for that year
-- (if any), so the officer sees which programs still lack one.
-- A program runs during the year when it started on or before 31 December (or has no start date),
-- did not end before 1 January, and is not archived.
-- params: year (integer)
-- columns: program_id, program, category, status, evaluation_id, evaluation_status, recommendation,
--          submitted_at, updated_at

WITH running AS (
  SELECT
    p.*
  FROM live.programs AS p
  WHERE
    p.status <> 'archived'
    AND (
      p.start_date IS NULL OR p.start_date <= MAKE_DATE(CAST(%(year)s AS INT), 12, 31)
    )
    AND (
      p.end_date IS NULL OR p.end_date >= MAKE_DATE(CAST(%(year)s AS INT), 1, 1)
    )
), final AS (
  SELECT
    r.id AS program_id,
    r.name AS program,
    r.category,
    r.status,
    ev.id AS evaluation_id,
    COALESCE(ev.status, 'missing') AS evaluation_status,
    ev.recommendation,
    ev.submitted_at,
    COALESCE(ev.updated_at, ev.created_at) AS updated_at
  FROM running AS r
  LEFT JOIN live.program_evaluations AS ev
    ON ev.program_id = r.id AND ev.year = CAST(%(year)s AS INT)
)
SELECT
  *
FROM final
ORDER BY
  CASE evaluation_status WHEN 'missing' THEN 1 WHEN 'draft' THEN 2 ELSE 3 END,
  program
