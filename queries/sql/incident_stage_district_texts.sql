-- incident_stage_district_texts: each distinct district text of the staged file, with its rows
-- (the importer reads each text once to match it to a district: core/district_codes.py).
-- params: none
-- columns: source_district, rows_ok (rows that will be stored)
select source_district, count(*) filter (where ok and last_in_file) as rows_ok
from incident_stage
where source_district is not null
group by source_district
