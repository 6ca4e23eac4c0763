-- targeting_crime_matrix: incidents by crime type x top-level district for a period (long form).
-- Incidents in no district are listed under district '(none)'; offenses not mapped to a crime type
-- under crime type 'unmapped'.
-- params: all_districts, districts, start_date, end_date (dates, inclusive)
-- columns: district_code, district_name, crime_type_code, crime_type, category, incidents
with rollup as (
    select r.district_id, d.code, d.name
    from live.district_rollup as r
    join live.districts as d on d.id = r.top_district_id
),

incidents as (
    select
        coalesce(r.code, '(none)') as district_code,
        coalesce(r.name, 'In no district') as district_name,
        coalesce(i.crime_type_code, 'unmapped') as crime_type_code
    from live.incidents as i
    left join rollup as r on r.district_id = i.district_id
    where i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day
      and live.in_scope($all_districts, $districts, i.district_id)
),

final as (
    select
        i.district_code,
        any_value(i.district_name) as district_name,
        i.crime_type_code,
        coalesce(any_value(t.label), 'Not mapped to a crime type') as crime_type,
        coalesce(any_value(t.category), 'unmapped') as category,
        count(*) as incidents
    from incidents as i
    left join live.crime_types as t on t.code = i.crime_type_code
    group by i.district_code, i.crime_type_code
)

select * from final
order by district_code, crime_type_code
