-- Generated from queries/sql/password_history_recent.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- password_history_recent: the hashes of an account's earlier passwords, newest first.
-- params: user_id, keep (how many); columns: password_hash

SELECT
  password_hash
FROM live.password_history
WHERE
  user_id = %(user_id)s
ORDER BY
  replaced_at DESC NULLS LAST,
  id DESC NULLS LAST
LIMIT %(keep)s
