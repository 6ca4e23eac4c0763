-- Generated from queries/sql/program_results_evaluations.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_results_evaluations: a program's annual evaluations, newest first.
-- params: program_id (integer)
-- columns: year, status, recommendation, assessment, submitted_by (by name), submitted_at, figures_json

WITH final AS (
  SELECT
    v.year,
    v.status,
    v.recommendation,
    v.assessment,
    CASE
      WHEN NOT v.submitted_by IS NULL
      THEN COALESCE(u.display_name, v.submitted_by)
    END AS submitted_by,
    v.submitted_at,
    v.figures_json
  FROM live.program_evaluations AS v
  LEFT JOIN live.users AS u
    ON u.username = v.submitted_by
  WHERE
    v.program_id = CAST(%(program_id)s AS INT)
)
SELECT
  *
FROM final
ORDER BY
  year DESC NULLS LAST
