-- Generated from queries/sql/login_failures_recent.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- login_failures_recent: failed attempts for a typed username since `since`
-- (unlocking and signing in clear the earlier ones).
-- params: username, since (UTC); columns: failures

SELECT
  COUNT(*) AS failures
FROM live.login_failures
WHERE
  username = %(username)s AND at_utc >= %(since)s
