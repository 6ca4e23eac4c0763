-- Generated from queries/sql/programs_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- programs_by_id: one live program.
-- params: id (integer)
-- columns: every programs column

SELECT
  *
FROM live.programs
WHERE
  id = %(id)s
