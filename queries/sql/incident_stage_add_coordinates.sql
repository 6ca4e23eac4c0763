-- incident_stage_add_coordinates: give the staged rows the class of their point (core/coordinates.py:
-- ok, swapped, missing, unreadable, zero, repeated, outside), filled by incident_stage_set_coordinates.
-- params: none
alter table incident_stage add column coordinates varchar default 'missing'
