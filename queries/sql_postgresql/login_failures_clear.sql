-- Generated from queries/sql/login_failures_clear.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_failures_clear: a successful sign-in starts the failure count afresh.
-- params: username

DELETE FROM login_failures
WHERE
  username = %(username)s
