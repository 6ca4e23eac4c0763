-- program_results_cohorts: a course program's cohorts with enrolment, completion and attendance.
-- Completion rate: completed enrolments / enrolments (withdrawals included in the base).
-- Attendance rate: sessions marked present / (enrolments x sessions held).
-- params: program_id (integer)
-- columns: cohort_id, cohort, start_date, end_date, capacity, enrolled, completed, withdrawn,
--          completion_rate (0-1 or null), sessions, attendance_rate (0-1 or null), ride_alongs
with cohorts as (
    select c.* from live.course_cohorts as c where c.program_id = $program_id::integer
),

enrolled as (
    select n.cohort_id, count(*) as enrolled,
           count(*) filter (where n.completed) as completed,
           count(*) filter (where n.status = 'withdrawn') as withdrawn,
           count(n.ride_along_on) as ride_alongs
    from live.enrolments as n
    inner join cohorts as c on c.id = n.cohort_id
    group by n.cohort_id
),

sessions as (
    select e.cohort_id, count(*) as sessions
    from live.events as e
    inner join cohorts as c on c.id = e.cohort_id
    group by e.cohort_id
),

presence as (
    select n.cohort_id, count(*) filter (where r.present) as present
    from live.roster_attendance as r
    inner join live.enrolments as n on n.id = r.enrolment_id
    inner join cohorts as c on c.id = n.cohort_id
    group by n.cohort_id
),

final as (
    select c.id as cohort_id, c.name as cohort, c.start_date, c.end_date, c.capacity,
           coalesce(n.enrolled, 0) as enrolled, coalesce(n.completed, 0) as completed,
           coalesce(n.withdrawn, 0) as withdrawn,
           n.completed / nullif(n.enrolled, 0) as completion_rate,
           coalesce(s.sessions, 0) as sessions,
           p.present / nullif(n.enrolled * s.sessions, 0) as attendance_rate,
           coalesce(n.ride_alongs, 0) as ride_alongs
    from cohorts as c
    left join enrolled as n on n.cohort_id = c.id
    left join sessions as s on s.cohort_id = c.id
    left join presence as p on p.cohort_id = c.id
)

select * from final
order by start_date
