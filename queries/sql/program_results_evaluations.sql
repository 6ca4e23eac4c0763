-- program_results_evaluations: a program's annual evaluations, newest first.
-- params: program_id (integer)
-- columns: year, status, recommendation, assessment, submitted_by, submitted_at, figures_json
with final as (
    select v.year, v.status, v.recommendation, v.assessment, v.submitted_by, v.submitted_at, v.figures_json
    from live.program_evaluations as v
    where v.program_id = $program_id::integer
)

select * from final
order by year desc
