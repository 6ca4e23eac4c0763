-- Generated from queries/sql/user_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- user_by_id: an active live account by id, for validating officer pickers.
-- params: id (integer)
-- columns: id, username, display_name, role

SELECT
  id,
  username,
  display_name,
  role
FROM live.users
WHERE
  id = %(id)s AND active
