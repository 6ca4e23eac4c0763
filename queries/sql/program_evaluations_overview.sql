-- program_evaluations_overview: every program running during a year, with its evaluation for that year
-- (if any), so the officer sees which programs still lack one.
-- A program runs during the year when it started on or before 31 December (or has no start date),
-- did not end before 1 January, and is not archived.
-- params: year (integer)
-- columns: program_id, program, category, status, evaluation_id, evaluation_status, recommendation,
--          submitted_at, updated_at
with running as (
    select p.*
    from live.programs as p
    where p.status <> 'archived'
      and (p.start_date is null or p.start_date <= make_date($year::integer, 12, 31))
      and (p.end_date is null or p.end_date >= make_date($year::integer, 1, 1))
),

final as (
    select r.id as program_id, r.name as program, r.category, r.status,
           ev.id as evaluation_id, coalesce(ev.status, 'missing') as evaluation_status, ev.recommendation,
           ev.submitted_at, coalesce(ev.updated_at, ev.created_at) as updated_at
    from running as r
    left join live.program_evaluations as ev on ev.program_id = r.id and ev.year = $year::integer
)

select * from final
order by case evaluation_status when 'missing' then 1 when 'draft' then 2 else 3 end, program
