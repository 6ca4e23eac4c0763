-- metric_events_by_district: the metric_events figures per district (null district = townwide).
-- Same definition as metric_events.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: district_id, events, attendance, officers_involved, officer_hours, programs_active
with filtered_events as (
    select e.*
    from live.events as e
    inner join live.programs as p on p.id = e.program_id
    where e.starts_at::date between $start_date::date and $end_date::date
      and ($all_districts or list_contains($districts, e.district_id))
      and ($district_id::integer is null or e.district_id = $district_id::integer)
      and ($category::varchar is null or p.category = $category::varchar)
      and ($program_id::integer is null or e.program_id = $program_id::integer)
),

staffing as (
    select e.district_id, o.user_id, o.hours
    from live.event_officers as o
    inner join filtered_events as e on e.id = o.event_id
),

per_event as (
    select district_id, count(*) as events,
           sum(headcount_youth + headcount_adult + headcount_senior + headcount_business) as attendance,
           count(distinct program_id) as programs_active
    from filtered_events
    group by district_id
),

per_staff as (
    select district_id, count(distinct user_id) as officers_involved, sum(hours) as officer_hours
    from staffing
    group by district_id
),

final as (
    select e.district_id, e.events, e.attendance,
           coalesce(s.officers_involved, 0) as officers_involved,
           coalesce(s.officer_hours, 0.0) as officer_hours,
           e.programs_active
    from per_event as e
    left join per_staff as s on s.district_id is not distinct from e.district_id
)

select * from final
order by district_id nulls last
