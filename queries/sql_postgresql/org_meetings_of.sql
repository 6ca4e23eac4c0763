-- Generated from queries/sql/org_meetings_of.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- org_meetings_of: the meetings of one organization that the department attended, newest first.
-- params: organization_id (integer)
-- columns: met_on, officer, attendance, topics

SELECT
  m.met_on,
  u.display_name AS officer,
  m.attendance,
  m.topics
FROM live.org_meetings AS m
LEFT JOIN live.users AS u
  ON u.id = m.officer_id
WHERE
  m.organization_id = %(organization_id)s
ORDER BY
  m.met_on DESC NULLS LAST,
  m.id DESC NULLS LAST
