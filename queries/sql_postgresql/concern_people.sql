-- Generated from queries/sql/concern_people.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- concern_people: who reported and who is assigned a concern (for permission checks).
-- params: id; columns: reported_by_id, assigned_officer_id

SELECT
  reported_by_id,
  assigned_officer_id
FROM live.concerns
WHERE
  id = %(id)s
