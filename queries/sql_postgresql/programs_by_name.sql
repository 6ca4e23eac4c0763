-- Generated from queries/sql/programs_by_name.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- programs_by_name: a program (deleted or not: names are unique in the table) by name, case-insensitive.
-- params: program_name (varchar)
-- columns: id, name

SELECT
  id,
  name
FROM live.program_names
WHERE
  LOWER(name) = LOWER(TRIM(%(program_name)s))
