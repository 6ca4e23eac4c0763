-- Generated from queries/sql/program_results_goals.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_results_goals: a program's goals as set (all of them, including ones not due in a period),
-- but for goals on a resident-survey measure, which the annual evaluation reads from the survey waves.
-- params: program_id (integer)
-- columns: goal_id, measure, measure_label, target_value, per_period, description

WITH final AS (
  SELECT
    g.id AS goal_id,
    g.measure,
    COALESCE(m.label, UPPER(SUBSTRING(g.measure FROM 1 FOR 1)) || SUBSTRING(g.measure FROM 2)) AS measure_label,
    g.target_value,
    g.per_period,
    g.description
  FROM live.program_goals AS g
  LEFT JOIN live.outcome_measures AS m
    ON m.code = g.measure
  WHERE
    g.program_id = CAST(%(program_id)s AS INT)
    AND NOT STARTS_WITH(g.measure, 'survey:')
)
SELECT
  *
FROM final
ORDER BY
  goal_id
