-- Generated from queries/sql/districts_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_by_id: a live district by id, for validating entries.
-- params: id (integer)
-- columns: id, code, name

SELECT
  id,
  code,
  name
FROM live.districts
WHERE
  id = %(id)s
