-- district_mappings_list: the saved district mapping (district text -> district), with the stored
-- incidents stating each text.
-- params: none
-- columns: district_text, district_id, district_code, district_name, version
with mappings as (
    select district_text, district_id, version from live.district_mappings
),

districts as (
    select id, code, name from live.districts
),

final as (
    select m.district_text, m.district_id, d.code as district_code, d.name as district_name, m.version
    from mappings as m
    left join districts as d on d.id = m.district_id
)

select * from final
order by district_text
