-- metric_participants: unique course participants in one period (the participants family).
-- A participant counts once when marked present at one or more course sessions (events with a
-- roster) that start in the period; district, category and program filters apply to the session.
-- Completions: enrolments completed on a day in the period.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: participants, completions
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

present as (
    select distinct n.participant_id
    from live.roster_attendance as r
    inner join filtered_events as e on e.id = r.event_id
    inner join live.enrolments as n on n.id = r.enrolment_id
    where r.present
),

completed as (
    select n.id
    from live.enrolments as n
    inner join live.course_cohorts as c on c.id = n.cohort_id
    inner join live.programs as p on p.id = c.program_id
    where n.completed and n.completed_on between $start_date::date and $end_date::date
      and ($category::varchar is null or p.category = $category::varchar)
      and ($program_id::integer is null or c.program_id = $program_id::integer)
      -- a completion belongs to the district(s) where the cohort's sessions were held
      and exists (
          select 1 from live.events as e
          where e.cohort_id = c.id
            and ($all_districts or list_contains($districts, e.district_id))
            and ($district_id::integer is null or e.district_id = $district_id::integer)
      )
),

final as (
    select
        (select count(*) from present) as participants,
        (select count(*) from completed) as completions
)

select * from final
