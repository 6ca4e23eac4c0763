-- metric_outcomes: program outcome figures (car seats inspected, tips received, ...) in one period.
-- The sum of each outcome recorded on events that count in the period (same event rules as
-- metric_events). A measure with `at_most` (car seats installed incorrectly <= inspected) also
-- gets its share of that base measure.
-- glossary: What the program events of the period achieved besides attendance (car seats inspected,
--   tips received, medication collected and so on), added up over those events. A figure that is
--   part of another (car seats installed incorrectly, of those inspected) is also given as a share of it.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: measure_code, label, unit, value, events, base_measure, base_value, share (0-1 or null)
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

totals as (
    select o.measure_code, sum(o.value) as value, count(*) as events
    from live.event_outcomes as o
    inner join filtered_events as e on e.id = o.event_id
    group by o.measure_code
),

final as (
    select t.measure_code, m.label, m.unit, t.value, t.events,
           m.at_most as base_measure, b.value as base_value,
           t.value / nullif(b.value, 0) as share
    from totals as t
    inner join live.outcome_measures as m on m.code = t.measure_code
    left join totals as b on b.measure_code = m.at_most
)

select * from final
order by label
