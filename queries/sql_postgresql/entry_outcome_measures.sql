-- Generated from queries/sql/entry_outcome_measures.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- entry_outcome_measures: every outcome figure a program may record.
-- params: none
-- columns: code, label, unit, at_most

SELECT
  code,
  label,
  unit,
  at_most
FROM live.outcome_measures
ORDER BY
  label
