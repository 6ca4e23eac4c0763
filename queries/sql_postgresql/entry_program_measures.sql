-- Generated from queries/sql/entry_program_measures.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- entry_program_measures: the outcome figures a program records, for the event form.
-- params: program_id (integer)
-- columns: code, label, unit, at_most

WITH measures AS (
  SELECT
    m.code,
    m.label,
    m.unit,
    m.at_most
  FROM live.program_outcome_measures AS pm
  JOIN live.outcome_measures AS m
    ON m.code = pm.measure_code
  WHERE
    pm.program_id = %(program_id)s
), final AS (
  SELECT
    *
  FROM measures
  ORDER BY
    NOT at_most IS NULL,
    label
)
SELECT
  *
FROM final
