-- Generated from queries/sql/incidents_insert_new.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incidents_insert_new: insert the staged incidents whose number is not stored yet, in one statement.
-- (Stored numbers, found by incident_stage as existing_id, are updated by incidents_update_existing*:
-- a re-import never duplicates.)
-- The last row of the file wins when a file repeats an incident number.
-- params: import_batch (varchar), imported_at (timestamp)

INSERT INTO main.incidents (
  incident_number,
  occurred_at,
  offense,
  offense_description,
  crime_type_code,
  district_id,
  source_district,
  address,
  latitude,
  longitude,
  import_batch,
  imported_at
)
SELECT
  s.incident_number,
  s.occurred_at,
  s.offense,
  s.offense_description,
  s.crime_type_code,
  s.district_id,
  s.source_district,
  s.address,
  s.latitude,
  s.longitude,
  %(import_batch)s,
  %(imported_at)s
FROM incident_stage AS s
WHERE
  s.ok AND s.last_in_file AND s.existing_id IS NULL
