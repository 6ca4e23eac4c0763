-- stored_district_texts: each distinct district text stated by stored incidents, with how many
-- incidents state it (the Crime data page lists those that name no district).
-- params: none
-- columns: source_district, incidents
select source_district, count(*) as incidents
from live.incidents
where source_district is not null
group by source_district
