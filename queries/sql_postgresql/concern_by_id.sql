-- Generated from queries/sql/concern_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- concern_by_id: one live concern.
-- params: id (integer)
-- columns: every concerns column

SELECT
  *
FROM live.concerns
WHERE
  id = %(id)s
