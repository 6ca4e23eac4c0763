-- Generated from queries/sql/setting_value.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- setting_value: one setting by key (null when unset).
-- params: key; columns: value

SELECT
  value
FROM live.settings
WHERE
  key = %(key)s
