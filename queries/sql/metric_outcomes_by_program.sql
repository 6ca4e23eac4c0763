-- metric_outcomes_by_program: metric_outcomes for every program at once (the monthly report's
-- per-program tables): the sum of each outcome recorded on events that count in the period (same
-- event rules as metric_events), per program; a measure with `at_most` also gets its share of that
-- base measure within the same program.
-- params: start_date, end_date (date); all_districts, districts; district_id, category (or null)
-- columns: program_id, measure_code, label, unit, value, events, base_measure, base_value, share (0-1 or null)
with filtered_events as (
    select e.*
    from live.events as e
    inner join live.programs as p on p.id = e.program_id
    where e.starts_at::date between $start_date::date and $end_date::date
      and ($all_districts or list_contains($districts, e.district_id))
      and ($district_id::integer is null or e.district_id = $district_id::integer)
      and ($category::varchar is null or p.category = $category::varchar)
),

totals as (
    select e.program_id, o.measure_code, sum(o.value) as value, count(*) as events
    from live.event_outcomes as o
    inner join filtered_events as e on e.id = o.event_id
    group by e.program_id, o.measure_code
),

final as (
    select t.program_id, t.measure_code, m.label, m.unit, t.value, t.events,
           m.at_most as base_measure, b.value as base_value,
           t.value / nullif(b.value, 0) as share
    from totals as t
    inner join live.outcome_measures as m on m.code = t.measure_code
    left join totals as b on b.program_id = t.program_id and b.measure_code = m.at_most
)

select * from final
order by program_id, label
