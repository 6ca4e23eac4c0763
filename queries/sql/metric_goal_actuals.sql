-- metric_goal_actuals: every program goal with what was achieved towards it in one period.
-- Actuals use the shared definitions: events and attendance as metric_events, participants and
-- completions as metric_participants, outcome measures as metric_outcomes. cohorts_ended counts the
-- program's cohorts ending in the period (the base of a per-cohort goal). The expected share of the
-- target for the period is worked out in core/metrics.py. A goal on a resident-survey measure
-- ('survey:...') is not counted here: the annual evaluation reads it from the survey waves.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: goal_id, program_id, program, category, measure, measure_label, target_value, per_period,
--          description, actual, cohorts_ended
with filtered_events as (
    select * from live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                     $district_id, $category, $program_id)
),

goals as (
    select g.*, p.name as program, p.category
    from live.program_goals as g
    inner join live.programs as p on p.id = g.program_id
    where ($category::varchar is null or p.category = $category::varchar)
      and ($program_id::integer is null or g.program_id = $program_id::integer)
      and not starts_with(g.measure, 'survey:')
),

delivery as (
    select program_id, 'events' as measure, count(*)::double as actual
    from filtered_events group by program_id
    union all
    select program_id, 'attendance',
           sum(headcount_youth + headcount_adult + headcount_senior + headcount_business)::double
    from filtered_events group by program_id
    union all
    select e.program_id, 'participants', count(distinct n.participant_id)::double
    from live.roster_attendance as r
    inner join filtered_events as e on e.id = r.event_id
    inner join live.enrolments as n on n.id = r.enrolment_id
    where r.present
    group by e.program_id
    union all
    select e.program_id, o.measure_code, sum(o.value)
    from live.event_outcomes as o
    inner join filtered_events as e on e.id = o.event_id
    group by e.program_id, o.measure_code
),

cohorts as (
    select c.program_id, c.id as cohort_id
    from live.scoped_cohorts($all_districts, $districts, $district_id) as c
    where c.end_date between $start_date::date and $end_date::date
),

completions as (
    select c.program_id, count(n.id)::double as actual
    from live.enrolments as n
    inner join live.scoped_cohorts($all_districts, $districts, $district_id) as c on c.id = n.cohort_id
    where n.completed and n.completed_on between $start_date::date and $end_date::date
    group by c.program_id
),

final as (
    select g.id as goal_id, g.program_id, g.program, g.category, g.measure,
           coalesce(m.label, upper(substr(g.measure, 1, 1)) || substr(g.measure, 2)) as measure_label,
           g.target_value, g.per_period, g.description,
           coalesce(case when g.measure = 'completions' then c.actual else d.actual end, 0.0) as actual,
           (select count(*) from cohorts as k where k.program_id = g.program_id) as cohorts_ended
    from goals as g
    left join delivery as d on d.program_id = g.program_id and d.measure = g.measure
    left join completions as c on c.program_id = g.program_id
    left join live.outcome_measures as m on m.code = g.measure
)

select * from final
order by program, goal_id
