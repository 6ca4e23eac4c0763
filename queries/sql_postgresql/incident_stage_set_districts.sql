-- Generated from queries/sql/incident_stage_set_districts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_set_districts: the district each staged row states, from the matched district
-- texts (temp view incident_district_keys: source_district, district_id, district_rule).
-- params: none

UPDATE incident_stage AS s SET district_id = k.district_id, district_from_column = TRUE, district_rule = k.district_rule
FROM incident_district_keys AS k
WHERE
  s.source_district = k.source_district
