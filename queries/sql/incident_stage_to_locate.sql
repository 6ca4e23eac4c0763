-- incident_stage_to_locate: staged rows whose district column matched no district but that have a point.
-- params: none
-- columns: line, longitude, latitude
select line, longitude, latitude
from incident_stage
where ok and last_in_file and not district_from_column and latitude is not null
order by line
