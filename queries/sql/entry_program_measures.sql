-- entry_program_measures: the outcome figures a program records, for the event form.
-- params: program_id (integer)
-- columns: code, label, unit, at_most
with measures as (
    select m.code, m.label, m.unit, m.at_most
    from live.program_outcome_measures as pm
    join live.outcome_measures as m on m.code = pm.measure_code
    where pm.program_id = $program_id
),

final as (
    select * from measures order by at_most is not null, label
)

select * from final
