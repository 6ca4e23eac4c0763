-- Generated from queries/sql/password_history_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- password_history_insert: keep the hash a password change replaces.
-- params: user_id, password_hash, replaced_at (UTC)

INSERT INTO password_history (
  user_id,
  password_hash,
  replaced_at
)
VALUES
  (%(user_id)s, %(password_hash)s, %(replaced_at)s)
