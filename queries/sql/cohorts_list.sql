-- cohorts_list: course cohorts with enrolment, sessions and completion rate.
-- params: none
-- columns: id, version, program, cohort, start_date, end_date, capacity, sessions, enrolled, withdrawn,
--          completed, ride_alongs, completion_rate
with enrolment as (
    select cohort_id, count(*) as enrolled,
           count(*) filter (where status = 'withdrawn') as withdrawn,
           count(*) filter (where completed) as completed,
           count(ride_along_on) as ride_alongs
    from live.enrolments
    group by cohort_id
),

sessions as (
    select cohort_id, count(*) as sessions from live.events where cohort_id is not null group by cohort_id
),

final as (
    select c.id, c.version, p.name as program, c.name as cohort, c.start_date, c.end_date, c.capacity,
           coalesce(s.sessions, 0) as sessions, coalesce(e.enrolled, 0) as enrolled,
           coalesce(e.withdrawn, 0) as withdrawn, coalesce(e.completed, 0) as completed,
           coalesce(e.ride_alongs, 0) as ride_alongs,
           case when coalesce(e.enrolled, 0) = 0 then null
                else round(100.0 * e.completed / e.enrolled, 1)::double end as completion_rate
    from live.course_cohorts as c
    join live.programs as p on p.id = c.program_id
    left join enrolment as e on e.cohort_id = c.id
    left join sessions as s on s.cohort_id = c.id
    order by c.start_date desc, c.name
)

select * from final
