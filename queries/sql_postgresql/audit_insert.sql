-- Generated from queries/sql/audit_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- audit_insert: one audit row, written in the caller's transaction.
-- params: at_utc, username, role, action, table_name, record_id, before, after, detail (JSON text or null),
--         way_in (sign-ins, sign-outs and refusals: 'password' or 'provider'; else null)

INSERT INTO audit_log (
  at_utc,
  username,
  role,
  action,
  table_name,
  record_id,
  before,
  after,
  detail,
  way_in
)
VALUES
  (
    %(at_utc)s,
    %(username)s,
    %(role)s,
    %(action)s,
    %(table_name)s,
    %(record_id)s,
    %(before)s,
    %(after)s,
    %(detail)s,
    %(way_in)s
  )
