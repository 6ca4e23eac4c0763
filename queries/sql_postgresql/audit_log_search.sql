-- Generated from queries/sql/audit_log_search.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- audit_log_search: audit rows, newest first, filtered; a null filter matches everything.
-- params: username, action, table_name (text or null), from_utc, until_utc (timestamps, UTC: the span of the
--         department's dates asked for, core/clock.py day_bounds_utc), row_limit
-- columns: at_utc, username, role, action, way_in (sign-ins, sign-outs and refusals: password or provider),
--          table_name, record_id, detail, before, after

SELECT
  at_utc,
  username,
  role,
  action,
  way_in,
  table_name,
  record_id,
  detail,
  before,
  after
FROM audit_log
WHERE
  (
    CAST(%(username)s AS TEXT) IS NULL OR username = %(username)s
  )
  AND (
    CAST(%(action)s AS TEXT) IS NULL OR action = %(action)s
  )
  AND (
    CAST(%(table_name)s AS TEXT) IS NULL OR table_name = %(table_name)s
  )
  AND at_utc >= CAST(%(from_utc)s AS TIMESTAMP)
  AND at_utc < CAST(%(until_utc)s AS TIMESTAMP)
ORDER BY
  at_utc DESC NULLS LAST,
  id DESC NULLS LAST
LIMIT %(row_limit)s
