-- Generated from queries/sql/incidents_update_existing_links.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_update_existing_links: set crime type and district of re-imported incidents where they changed.
-- params: none

UPDATE main.incidents AS i SET crime_type_code = s.crime_type_code, district_id = s.district_id
FROM incident_stage AS s
WHERE
  s.ok
  AND s.last_in_file
  AND s.existing_id = i.id
  AND (
    i.crime_type_code IS DISTINCT FROM s.crime_type_code
    OR i.district_id IS DISTINCT FROM s.district_id
  )
