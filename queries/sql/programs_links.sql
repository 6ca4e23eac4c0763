-- programs_links: one program's target districts, crime types, partners and measures as lists.
-- params: id (integer)
-- columns: districts (list of ids), crime_types (list of codes), partners (list of ids), measures (list of codes)
select
    coalesce((select list(district_id order by district_id) from live.program_target_districts where program_id = $id), []::integer[]) as districts,
    coalesce((select list(crime_type_code order by crime_type_code) from live.program_target_crime_types where program_id = $id), []::varchar[]) as crime_types,
    coalesce((select list(organization_id order by organization_id) from live.program_partners where program_id = $id), []::integer[]) as partners,
    coalesce((select list(measure_code order by measure_code) from live.program_outcome_measures where program_id = $id), []::varchar[]) as measures
