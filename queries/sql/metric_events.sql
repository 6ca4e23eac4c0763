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

-- one pass each over the events and their staffing (nine scalar subqueries took longer to plan
-- than to run)
delivered as (
    select
        count(*) as events,
        coalesce(sum(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0) as attendance,
        coalesce(sum(headcount_youth), 0) as attendance_youth,
        coalesce(sum(headcount_adult), 0) as attendance_adult,
        coalesce(sum(headcount_senior), 0) as attendance_senior,
        coalesce(sum(headcount_business), 0) as attendance_business,
        count(distinct program_id) as programs_active
    from filtered_events
),

staffing as (
    select count(distinct o.user_id) as officers_involved, coalesce(sum(o.hours), 0.0) as officer_hours
    from live.event_officers as o
    where o.event_id in (select id from filtered_events)
),

final as (
    select
        d.events, d.attendance, d.attendance_youth, d.attendance_adult, d.attendance_senior,
        d.attendance_business, s.officers_involved, s.officer_hours, d.programs_active
    from delivered as d
    cross join staffing as s
)

select * from final
