-- incident_stage_set_districts: the district each staged row states, from the matched district
-- texts (temp view incident_district_keys: source_district, district_id, district_rule).
-- params: none
update incident_stage as s
set district_id = k.district_id, district_from_column = true, district_rule = k.district_rule
from incident_district_keys as k
where s.source_district = k.source_district
