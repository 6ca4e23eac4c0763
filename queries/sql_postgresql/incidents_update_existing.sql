-- Generated from queries/sql/incidents_update_existing.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_update_existing: overwrite stored incidents with the staged rows of the same number
-- (existing_id: the stored incident's id, found by incident_stage; a join on ids is quicker)
-- (plain columns; the two reference columns are set by incidents_update_existing_links only where
-- they change, because DuckDB rewrites index entries for every updated foreign-key column, which is
-- slow for a million rows). Incidents are not referenced by other tables.
-- params: import_batch (varchar), imported_at (timestamp)

UPDATE main.incidents AS i SET occurred_at = s.occurred_at, offense = s.offense, offense_description = s.offense_description, source_district = s.source_district, address = s.address, latitude = s.latitude, longitude = s.longitude, import_batch = %(import_batch)s, imported_at = %(imported_at)s
FROM incident_stage AS s
WHERE
  s.ok AND s.last_in_file AND s.existing_id = i.id
