-- metric_events: program delivery figures for one period (the events family).
-- Shared definition: the overview, the program page and the monthly report all read this file.
-- An event counts in the period when it starts on a day from start_date to end_date (inclusive).
-- Townwide events (no district, e.g. the Crime Stoppers monthly summary) count only when no
-- district is chosen and the reader sees all districts.
-- params: start_date, end_date (date); all_districts (boolean), districts (list of district ids);
--         district_id (integer or null), category (varchar or null), program_id (integer or null)
-- columns: events, attendance, attendance_youth, attendance_adult, attendance_senior,
--          attendance_business, officers_involved, officer_hours, programs_active
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
    select o.user_id, o.hours
    from live.event_officers as o
    inner join filtered_events as e on e.id = o.event_id
),

final as (
    select
        (select count(*) from filtered_events) as events,
        (select coalesce(sum(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0)
           from filtered_events) as attendance,
        (select coalesce(sum(headcount_youth), 0) from filtered_events) as attendance_youth,
        (select coalesce(sum(headcount_adult), 0) from filtered_events) as attendance_adult,
        (select coalesce(sum(headcount_senior), 0) from filtered_events) as attendance_senior,
        (select coalesce(sum(headcount_business), 0) from filtered_events) as attendance_business,
        (select count(distinct user_id) from staffing) as officers_involved,
        (select coalesce(sum(hours), 0.0) from staffing) as officer_hours,
        (select count(distinct program_id) from filtered_events) as programs_active
)

select * from final
