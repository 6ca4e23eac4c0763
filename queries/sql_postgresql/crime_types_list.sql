-- Generated from queries/sql/crime_types_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- crime_types_list: the department's crime types for pickers.
-- params: none
-- columns: code, label, category

SELECT
  code,
  label,
  category
FROM live.crime_types
ORDER BY
  category,
  label
