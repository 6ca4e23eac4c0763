-- incidents_update_existing_links: set crime type and district of re-imported incidents where they changed.
-- params: none
update main.incidents as i
set crime_type_code = s.crime_type_code,
    district_id = s.district_id
from incident_stage as s
where s.ok and s.last_in_file and s.existing_id = i.id
  and (i.crime_type_code is distinct from s.crime_type_code or i.district_id is distinct from s.district_id)
