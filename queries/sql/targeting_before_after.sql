-- targeting_before_after: a program's target crime types in its target districts (and, for comparison,
-- in all other districts) in equal windows before and after a start date.
-- params: all_districts, districts, program_id, start_on (date: the program's start), days (integer)
-- columns: area, incidents_before, incidents_after, change_pct, window_days
with types as (
    select crime_type_code from live.program_target_crime_types where program_id = $program_id
),

target_area as (
    select r.district_id
    from live.program_target_districts as td
    join live.district_rollup as t on t.district_id = td.district_id
    join live.district_rollup as r on r.top_district_id = t.top_district_id
    where td.program_id = $program_id
),

incidents as (
    select
        case when i.district_id in (select district_id from target_area) then 'Target districts'
             else 'Other districts' end as area,
        i.occurred_at < $start_on::date as before_start
    from live.incidents as i
    where i.crime_type_code in (select crime_type_code from types)
      and i.district_id is not null
      and i.occurred_at >= $start_on::date - to_days($days::integer)
      and i.occurred_at < $start_on::date + to_days($days::integer)
      and live.in_scope($all_districts, $districts, i.district_id)
),

areas as (
    select * from (values ('Target districts', 1), ('Other districts', 2)) as a(area, sort)
),

final as (
    select
        a.area,
        count(i.area) filter (where i.before_start) as incidents_before,
        count(i.area) filter (where not i.before_start) as incidents_after,
        $days::integer as window_days,
        min(a.sort) as sort
    from areas as a
    left join incidents as i on i.area = a.area
    group by a.area
)

select
    area, incidents_before, incidents_after,
    case when incidents_before > 0
         then round((incidents_after - incidents_before) * 100.0 / incidents_before, 1) end as change_pct,
    window_days
from final
order by sort
