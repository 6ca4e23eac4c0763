-- Generated from queries/sql/users_by_email.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- users_by_email: the accounts whose e-mail address (as an administrator entered it) is this one,
-- letter case aside: a provider's verified address links an identity to exactly one of them.
-- params: email; columns: id, username, active

SELECT
  id,
  username,
  active
FROM live.users
WHERE
  LOWER(TRIM(email)) = LOWER(TRIM(%(email)s))
ORDER BY
  id
