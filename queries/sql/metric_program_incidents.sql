-- metric_program_incidents: incidents of a program's target crime types in its target districts, in two
-- windows (e.g. the year before and the year after the program started, or the evaluated year and
-- the year before it). An incident counts when it occurred on a day from a window's first to last day.
-- glossary: Incidents of the program's target crime types in its target districts, in two spans of time
--   side by side: the evaluated year against the year before, and the year before the program
--   started against the year after.
-- params: program_id (integer); before_start, before_end, after_start, after_end (date);
--         all_districts, districts
-- columns: crime_type, crime_type_label, incidents_before, incidents_after
with targets as (
    select td.district_id, tc.crime_type_code
    from live.program_target_districts as td
    inner join live.program_target_crime_types as tc on tc.program_id = td.program_id
    where td.program_id = $program_id::integer
      and live.in_scope($all_districts, $districts, td.district_id)
),

counted as (
    select t.crime_type_code,
           count(i.id) filter (where i.occurred_at::date between $before_start::date and $before_end::date)
               as incidents_before,
           count(i.id) filter (where i.occurred_at::date between $after_start::date and $after_end::date)
               as incidents_after
    from targets as t
    left join live.incidents as i on i.district_id = t.district_id and i.crime_type_code = t.crime_type_code
    group by t.crime_type_code
),

final as (
    select c.crime_type_code as crime_type, ct.label as crime_type_label, c.incidents_before, c.incidents_after
    from counted as c
    inner join live.crime_types as ct on ct.code = c.crime_type_code
)

select * from final
order by crime_type_label
