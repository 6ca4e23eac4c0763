-- metric_program_outcomes: each program's own outcome figures over a period, for the report's program tables.
-- An outcome figure is the sum of the values recorded on the program's events held in the period.
-- A measure that is bounded by another one (car seats installed incorrectly <= car seats inspected)
-- also gets its share of that other measure, as a percentage.
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: program_id, program, measure_code, measure, unit, value, share_of, share_pct
with period_events as (
    select e.id, e.program_id
    from live.events as e
    where e.starts_at >= $start_date::date and e.starts_at < $end_date::date + interval 1 day
      and ($all_districts or list_contains($districts, e.district_id))
),

totals as (
    select pe.program_id, o.measure_code, sum(o.value) as value
    from period_events as pe
    join live.event_outcomes as o on o.event_id = pe.id
    group by pe.program_id, o.measure_code
),

final as (
    select
        p.id as program_id,
        p.name as program,
        m.code as measure_code,
        m.label as measure,
        m.unit,
        coalesce(t.value, 0) as value,
        bound.label as share_of,
        case when m.at_most is not null and coalesce(tb.value, 0) > 0
             then round(100.0 * coalesce(t.value, 0) / tb.value, 1) end as share_pct
    from live.program_outcome_measures as pom
    join live.programs as p on p.id = pom.program_id
    join live.outcome_measures as m on m.code = pom.measure_code
    left join totals as t on t.program_id = p.id and t.measure_code = m.code
    left join live.outcome_measures as bound on bound.code = m.at_most
    left join totals as tb on tb.program_id = p.id and tb.measure_code = m.at_most
    order by p.name, m.at_most nulls first, m.code
)

select * from final
