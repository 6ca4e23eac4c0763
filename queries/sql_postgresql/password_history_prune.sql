-- Generated from queries/sql/password_history_prune.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- password_history_prune: forget all but an account's newest `keep` earlier hashes.
-- params: user_id, keep

DELETE FROM password_history
WHERE
  user_id = %(user_id)s
  AND NOT id IN (
    SELECT
      id
    FROM password_history
    WHERE
      user_id = %(user_id)s
    ORDER BY
      replaced_at DESC NULLS LAST,
      id DESC NULLS LAST
    LIMIT %(keep)s
  )
