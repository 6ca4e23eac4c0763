-- Generated from queries/sql/concern_history.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- concern_history: the update history of one concern, oldest first.
-- params: concern_id (integer)
-- columns: at_utc, by_user (username), written_by (that account's name, else its username), status, note

SELECT
  h.at_utc,
  h.by_user,
  COALESCE(u.display_name, h.by_user) AS written_by,
  h.status,
  h.note
FROM live.concern_updates AS h
LEFT JOIN live.users AS u
  ON u.username = h.by_user
WHERE
  h.concern_id = %(concern_id)s
ORDER BY
  h.at_utc,
  h.id
