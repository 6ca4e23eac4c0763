-- Generated from queries/sql/program_evaluation_row.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- program_evaluation_row: the stored evaluation of one program for one year, if any.
-- params: program_id (integer), year (integer)
-- columns: every column of program_evaluations

SELECT
  *
FROM live.program_evaluations
WHERE
  program_id = %(program_id)s AND year = %(year)s
