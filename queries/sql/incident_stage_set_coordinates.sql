-- incident_stage_set_coordinates: the point of each staged row as read and judged by
-- core/coordinates.py (temp view incident_coordinates: line, latitude, longitude, coordinates), so
-- the district placement and the writes use it: swapped pairs exchanged back; 0,0 placeholders,
-- repeated latitudes and points far from every district left without a location.
-- params: none
update incident_stage as s
set latitude = c.latitude, longitude = c.longitude, location_bad = c.coordinates = 'unreadable',
    coordinates = c.coordinates
from incident_coordinates as c
where s.line = c.line
