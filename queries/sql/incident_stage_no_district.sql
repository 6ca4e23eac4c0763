-- incident_stage_no_district: staged incidents that neither the district column nor the location placed.
-- params: none
-- columns: n
select count(*) as n from incident_stage where ok and last_in_file and district_id is null
