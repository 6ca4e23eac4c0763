-- Generated from queries/sql/entry_staff.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- entry_staff: active accounts that can staff an event or be assigned work.
-- params: none
-- columns: id, username, display_name, role

SELECT
  id,
  username,
  display_name,
  role
FROM live.users
WHERE
  active AND role IN ('officer', 'prevention', 'admin', 'command')
ORDER BY
  display_name
