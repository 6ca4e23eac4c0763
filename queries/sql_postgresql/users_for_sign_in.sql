-- Generated from queries/sql/users_for_sign_in.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- users_for_sign_in: active accounts handed to the login form.
-- columns: username, display_name, email, password_hash, role

SELECT
  username,
  display_name,
  email,
  password_hash,
  role
FROM live.users
WHERE
  active
ORDER BY
  username
