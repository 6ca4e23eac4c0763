-- metric_crime_targeted: incidents of the crime types that active programs target, in the districts
-- they target it in, for a period, the period before and the same period a year earlier.
-- A (district, crime type) pair is targeted when one program active during the period names both.
-- glossary: Incidents of the crime types that the unit's programs target, counted in the districts where a
--   program active in the period targets them, for the period, the period before and the same
--   period a year earlier.
-- params: start_date, end_date, prev_start, prev_end, ly_start, ly_end (dates, ends inclusive),
--         all_districts (boolean), districts (list of district ids)
-- columns: district, crime_type, crime_type_label, programs, incidents, incidents_previous, incidents_last_year
with active_programs as (
    select p.id, p.name
    from live.programs as p
    where p.status in ('active', 'paused', 'ended')
      and (p.start_date is null or p.start_date <= $end_date::date)
      and (p.end_date is null or p.end_date >= $start_date::date)
),

targets as (
    select td.district_id, tc.crime_type_code, string_agg(distinct ap.name, '; ' order by ap.name) as programs
    from active_programs as ap
    join live.program_target_districts as td on td.program_id = ap.id
    join live.program_target_crime_types as tc on tc.program_id = ap.id
    where live.in_scope($all_districts, $districts, td.district_id)
    group by td.district_id, tc.crime_type_code
),

counted as (
    select
        t.district_id,
        t.crime_type_code,
        t.programs,
        count(i.id) filter (where i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day) as incidents,
        count(i.id) filter (where i.occurred_at >= $prev_start::date
                              and i.occurred_at < $prev_end::date + interval 1 day) as incidents_previous,
        count(i.id) filter (where i.occurred_at >= $ly_start::date
                              and i.occurred_at < $ly_end::date + interval 1 day) as incidents_last_year
    from targets as t
    left join live.incidents as i
        on i.district_id = t.district_id and i.crime_type_code = t.crime_type_code
       -- only incidents of the three windows are counted: joining only those spares the other years
       and ((i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day)
            or (i.occurred_at >= $prev_start::date and i.occurred_at < $prev_end::date + interval 1 day)
            or (i.occurred_at >= $ly_start::date and i.occurred_at < $ly_end::date + interval 1 day))
    group by t.district_id, t.crime_type_code, t.programs
),

final as (
    select
        d.code as district,
        c.crime_type_code as crime_type,
        ct.label as crime_type_label,
        c.programs,
        c.incidents,
        c.incidents_previous,
        c.incidents_last_year
    from counted as c
    join live.districts as d on d.id = c.district_id
    join live.crime_types as ct on ct.code = c.crime_type_code
    order by d.code, c.incidents desc, ct.label
)

select * from final
