-- Generated from queries/sql/incident_stage_add_coordinates.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_add_coordinates: give the staged rows the class of their point (core/coordinates.py:
-- ok, swapped, missing, unreadable, zero, repeated, outside). incident_stage_set_coordinates fills it
-- for the rows whose point the reading changed; the others are ok when they have a point, else
-- missing (incident_stage_coordinate_counts).
-- params: none

ALTER TABLE incident_stage
ADD COLUMN coordinates TEXT
