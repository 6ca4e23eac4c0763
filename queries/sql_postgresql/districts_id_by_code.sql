-- Generated from queries/sql/districts_id_by_code.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_id_by_code: a district's id from its code (null when unknown).
-- params: code; columns: id

SELECT
  id
FROM live.districts
WHERE
  code = %(code)s
