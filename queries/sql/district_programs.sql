-- district_programs: program events and attendance in one district (with its sectors/beats) for a period.
-- params: all_districts, districts, district_id, start_date, end_date (dates, inclusive)
-- columns: program, events, attendance
with rollup as (
    select district_id from live.district_rollup
    where top_district_id = $district_id and live.in_scope($all_districts, $districts, $district_id)
),

final as (
    select p.name as program,
           count(*) as events,
           sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business)::bigint as attendance
    from live.events as e
    join live.programs as p on p.id = e.program_id
    where e.district_id in (select district_id from rollup)
      and e.starts_at >= $start_date::date and e.starts_at < $end_date::date + interval 1 day
    group by p.name
)

select * from final
order by events desc, program
