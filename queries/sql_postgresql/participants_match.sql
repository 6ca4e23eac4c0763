-- Generated from queries/sql/participants_match.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- participants_match: a live participant with the same name and e-mail (to avoid double records).
-- params: first_name, last_name, email (varchar or null)
-- columns: id

SELECT
  id
FROM live.participants
WHERE
  LOWER(first_name) = LOWER(%(first_name)s)
  AND LOWER(last_name) = LOWER(%(last_name)s)
  AND COALESCE(LOWER(email), '') = COALESCE(LOWER(%(email)s), '')
ORDER BY
  id
LIMIT 1
