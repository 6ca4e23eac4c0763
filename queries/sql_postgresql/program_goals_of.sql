-- Generated from queries/sql/program_goals_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_goals_of: the live goals of one program.
-- params: program_id (integer)
-- columns: id, version, measure, target_value, per_period, description

SELECT
  id,
  version,
  measure,
  target_value,
  per_period,
  description
FROM live.program_goals
WHERE
  program_id = %(program_id)s
ORDER BY
  measure,
  per_period
