-- incident_stage_set_coordinates: the point of the staged rows whose point core/coordinates.py read
-- otherwise than the stage (temp view incident_coordinates: line, latitude, longitude, coordinates):
-- swapped pairs exchanged back; points from a location text or x/y; 0,0 placeholders, repeated
-- latitudes and points far from every district left without a location.
-- params: none
update incident_stage as s
set latitude = c.latitude, longitude = c.longitude, location_bad = c.coordinates = 'unreadable',
    coordinates = c.coordinates
from incident_coordinates as c
where s.line = c.line
