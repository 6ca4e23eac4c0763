-- incident_stage_set_located: write point-in-polygon answers (temp view incident_located:
-- line, district_id) into the staged rows.
-- params: none
update incident_stage as s
set district_id = l.district_id
from incident_located as l
where s.line = l.line
