-- Generated from queries/sql/incident_stage_set_coordinates.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_set_coordinates: the point of the staged rows whose point core/coordinates.py read
-- otherwise than the stage (temp view incident_coordinates: line, latitude, longitude, coordinates):
-- swapped pairs exchanged back; points from a location text or x/y; 0,0 placeholders, repeated
-- latitudes and points far from every district left without a location.
-- params: none

UPDATE incident_stage AS s SET latitude = c.latitude, longitude = c.longitude, location_bad = c.coordinates = 'unreadable', coordinates = c.coordinates
FROM incident_coordinates AS c
WHERE
  s.line = c.line
