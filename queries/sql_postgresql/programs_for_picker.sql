-- Generated from queries/sql/programs_for_picker.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- programs_for_picker: programs (not archived) for filters, with their start date.
-- columns: id, name, status, start_date

SELECT
  id,
  name,
  status,
  start_date
FROM live.programs
WHERE
  status <> 'archived'
ORDER BY
  name
