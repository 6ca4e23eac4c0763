-- Generated from queries/sql/setting_row.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- setting_row: one setting with its version (for an edit form).
-- params: key; columns: key, value, version

SELECT
  key,
  value,
  version
FROM live.settings
WHERE
  key = %(key)s
