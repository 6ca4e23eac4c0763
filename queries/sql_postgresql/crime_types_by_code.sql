-- Generated from queries/sql/crime_types_by_code.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- crime_types_by_code: one crime type.
-- params: code (varchar)
-- columns: code, label

SELECT
  code,
  label
FROM live.crime_types
WHERE
  code = LOWER(TRIM(%(code)s))
