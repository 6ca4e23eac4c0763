-- metric_participants: unique course participants in one period (the participants family), in all
-- and per district of the session (the first row is the total, then one row per district; a
-- participant present in two districts counts in each).
-- A participant counts once when marked present at one or more course sessions (events with a
-- roster) that start in the period; district, category and program filters apply to the session.
-- Completions (on the total row only): enrolments completed on a day in the period.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: total (true on the first row), district_id, participants, completions (null per district)
with present as (
    select e.district_id, n.participant_id
    from live.roster_attendance as r
    inner join live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                  $district_id, $category, $program_id) as e on e.id = r.event_id
    inner join live.enrolments as n on n.id = r.enrolment_id
    where r.present
),

attended as (
    select grouping(district_id) = 1 as total, district_id, count(distinct participant_id) as participants
    from present
    group by grouping sets ((), (district_id))
),

-- a completion belongs to the district(s) where the cohort's sessions were held
completed as (
    select count(*) as completions
    from live.enrolments as n
    inner join live.scoped_cohorts($all_districts, $districts, $district_id) as c on c.id = n.cohort_id
    inner join live.programs as p on p.id = c.program_id
    where n.completed and n.completed_on between $start_date::date and $end_date::date
      and ($category::varchar is null or p.category = $category::varchar)
      and ($program_id::integer is null or c.program_id = $program_id::integer)
),

final as (
    select a.total, a.district_id, a.participants, case when a.total then c.completions end as completions
    from attended as a
    cross join completed as c
)

select * from final
order by total desc, district_id nulls last
