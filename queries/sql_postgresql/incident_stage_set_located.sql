-- Generated from queries/sql/incident_stage_set_located.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_set_located: write point-in-polygon answers (temp view incident_located:
-- line, district_id) into the staged rows.
-- params: none

UPDATE incident_stage AS s SET district_id = l.district_id
FROM incident_located AS l
WHERE
  s.line = l.line
