-- Generated from queries/sql/audit_log_filter_values.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- audit_log_filter_values: the distinct values offered in the audit log filters.
-- columns: kind ('username' | 'action' | 'table_name'), value

SELECT DISTINCT
  'username' AS kind,
  username AS value
FROM audit_log
UNION ALL
SELECT DISTINCT
  'action',
  action
FROM audit_log
UNION ALL
SELECT DISTINCT
  'table_name',
  table_name
FROM audit_log
WHERE
  NOT table_name IS NULL
ORDER BY
  kind,
  value
