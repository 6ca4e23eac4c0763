-- program_results_evaluations: a program's annual evaluations, newest first.
-- params: program_id (integer)
-- columns: year, status, recommendation, assessment, submitted_by (by name), submitted_at, figures_json
with final as (
    select v.year, v.status, v.recommendation, v.assessment,
           case when v.submitted_by is not null then coalesce(u.display_name, v.submitted_by) end as submitted_by,
           v.submitted_at, v.figures_json
    from live.program_evaluations as v
    left join live.users as u on u.username = v.submitted_by
    where v.program_id = $program_id::integer
)

select * from final
order by year desc
