-- metric_events_by_program: the metric_events figures per program, every program that held an event
-- in the period. Same definition as metric_events.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: program_id, program, category, status, events, attendance, officers_involved, officer_hours
with filtered_events as (
    select * from live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                     $district_id, $category, $program_id)
),

per_event as (
    select program_id, count(*) as events,
           sum(headcount_youth + headcount_adult + headcount_senior + headcount_business) as attendance
    from filtered_events
    group by program_id
),

per_staff as (
    select e.program_id, count(distinct o.user_id) as officers_involved, sum(o.hours) as officer_hours
    from live.event_officers as o
    inner join filtered_events as e on e.id = o.event_id
    group by e.program_id
),

final as (
    select p.id as program_id, p.name as program, p.category, p.status,
           e.events, e.attendance,
           coalesce(s.officers_involved, 0) as officers_involved,
           coalesce(s.officer_hours, 0.0) as officer_hours
    from per_event as e
    inner join live.programs as p on p.id = e.program_id
    left join per_staff as s on s.program_id = e.program_id
)

select * from final
order by attendance desc, program
