-- Generated from queries/sql/districts_by_code.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_by_code: a live district by its code (case-insensitive), for validating entries.
-- params: code (varchar)
-- columns: id, code, name

SELECT
  id,
  code,
  name
FROM live.districts
WHERE
  UPPER(code) = UPPER(TRIM(%(code)s))
