-- metric_events: program delivery figures for one period (the events family), in all and per
-- district (the first row is the total, then one row per district; null district = townwide).
-- Shared definition: the overview, the program page and the monthly report all read this file.
-- An event counts in the period when it starts on a day from start_date to end_date (inclusive).
-- Townwide events (no district, e.g. the Crime Stoppers monthly summary) count only when no
-- district is chosen and the reader sees all districts.
-- params: start_date, end_date (date); all_districts (boolean), districts (list of district ids);
--         district_id (integer or null), category (varchar or null), program_id (integer or null)
-- columns: total (true on the first row), district_id, events, attendance, attendance_youth,
--          attendance_adult, attendance_senior, attendance_business, officers_involved,
--          officer_hours, programs_active
with counted_events as (
    select * from live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                     $district_id, $category, $program_id)
),

-- one pass each over the events and their staffing
delivered as (
    select
        grouping(district_id) = 1 as total,
        district_id,
        count(*) as events,
        coalesce(sum(headcount_youth + headcount_adult + headcount_senior + headcount_business), 0) as attendance,
        coalesce(sum(headcount_youth), 0) as attendance_youth,
        coalesce(sum(headcount_adult), 0) as attendance_adult,
        coalesce(sum(headcount_senior), 0) as attendance_senior,
        coalesce(sum(headcount_business), 0) as attendance_business,
        count(distinct program_id) as programs_active
    from counted_events
    group by grouping sets ((), (district_id))
),

staffing as (
    select grouping(e.district_id) = 1 as total, e.district_id,
           count(distinct o.user_id) as officers_involved, sum(o.hours) as officer_hours
    from live.event_officers as o
    inner join counted_events as e on e.id = o.event_id
    group by grouping sets ((), (e.district_id))
),

final as (
    select
        d.total, d.district_id, d.events, d.attendance, d.attendance_youth, d.attendance_adult,
        d.attendance_senior, d.attendance_business,
        coalesce(s.officers_involved, 0) as officers_involved,
        coalesce(s.officer_hours, 0.0) as officer_hours,
        d.programs_active
    from delivered as d
    left join staffing as s on s.total = d.total and s.district_id is not distinct from d.district_id
)

select * from final
order by total desc, district_id nulls last
