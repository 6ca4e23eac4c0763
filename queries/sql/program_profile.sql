-- program_profile: one program with its lead officer, target districts and target crime types.
-- params: program_id (integer)
-- columns: id, name, category, description, delivery_kind, status, start_date, end_date, lead_officer,
--          target_districts, target_crime_types
with final as (
    select p.id, p.name, p.category, p.description, p.delivery_kind, p.status, p.start_date, p.end_date,
           u.display_name as lead_officer,
           (select string_agg(d.code, ', ' order by d.code) from live.program_target_districts as td
              inner join live.districts as d on d.id = td.district_id where td.program_id = p.id) as target_districts,
           (select string_agg(ct.label, ', ' order by ct.label) from live.program_target_crime_types as tc
              inner join live.crime_types as ct on ct.code = tc.crime_type_code
              where tc.program_id = p.id) as target_crime_types
    from live.programs as p
    left join live.users as u on u.id = p.lead_officer_id
    where p.id = $program_id
)

select * from final
