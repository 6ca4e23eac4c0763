-- Generated from queries/sql/outcome_measures_by_code.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- outcome_measures_by_code: one outcome measure.
-- params: code (varchar)
-- columns: code, label, unit, at_most

SELECT
  code,
  label,
  unit,
  at_most
FROM live.outcome_measures
WHERE
  code = %(code)s
