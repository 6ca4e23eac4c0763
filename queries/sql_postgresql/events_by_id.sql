-- Generated from queries/sql/events_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- events_by_id: one live event with its district code, for the edit form.
-- params: id (integer)
-- columns: every events column, district_code

SELECT
  e.*,
  d.code AS district_code
FROM live.events AS e
LEFT JOIN live.districts AS d
  ON d.id = e.district_id
WHERE
  e.id = %(id)s
