-- incident_stage_stated_located: staged rows placed by their district column that also have a
-- point (to count those whose point lies in another district than the one they state).
-- params: none
-- columns: district_id, longitude, latitude
select district_id, longitude, latitude
from incident_stage
where ok and last_in_file and district_from_column and latitude is not null
order by district_id
