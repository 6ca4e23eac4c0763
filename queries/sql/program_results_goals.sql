-- program_results_goals: a program's goals as set (all of them, including ones not due in a period),
-- but for goals on a resident-survey measure, which the annual evaluation reads from the survey waves.
-- params: program_id (integer)
-- columns: goal_id, measure, measure_label, target_value, per_period, description
with final as (
    select g.id as goal_id, g.measure,
           coalesce(m.label, upper(substr(g.measure, 1, 1)) || substr(g.measure, 2)) as measure_label,
           g.target_value, g.per_period, g.description
    from live.program_goals as g
    left join live.outcome_measures as m on m.code = g.measure
    where g.program_id = $program_id::integer and not starts_with(g.measure, 'survey:')
)

select * from final
order by goal_id
