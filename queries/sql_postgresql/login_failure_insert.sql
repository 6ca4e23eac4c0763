-- Generated from queries/sql/login_failure_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_failure_insert: record one failed attempt for a typed username.
-- params: username, at_utc

INSERT INTO login_failures (
  username,
  at_utc
)
VALUES
  (%(username)s, %(at_utc)s)
