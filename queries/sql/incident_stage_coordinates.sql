-- incident_stage_coordinates: the coordinate cells of each row of an incident file as written (the
-- temp view incident_source, one varchar column per field), numbered like incident_stage's lines so
-- the importer can read and judge them (core/coordinates.py) and write the answer back.
-- params: none
-- columns: line, latitude, longitude, location, x, y (trimmed text; null when blank or not mapped)
select
    row_number() over () + 1 as line,       -- line 1 is the header, as in incident_stage
    nullif(trim(latitude), '') as latitude,
    nullif(trim(longitude), '') as longitude,
    nullif(trim(location), '') as location,
    nullif(trim(x), '') as x,
    nullif(trim(y), '') as y
from incident_source
