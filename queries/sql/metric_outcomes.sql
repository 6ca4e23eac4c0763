-- metric_outcomes: program outcome figures (car seats inspected, tips received, ...) in one period,
-- for the whole selection, per month and per program (the breakdown column says which).
-- The sum of each outcome recorded on events that count in the period (same event rules as
-- metric_events). A measure with `at_most` (car seats installed incorrectly <= inspected) also
-- gets its share of that base measure, within the same month or program.
-- glossary: What the program events of the period achieved besides attendance (car seats inspected,
--   tips received, medication collected and so on), added up over those events. A figure that is
--   part of another (car seats installed incorrectly, of those inspected) is also given as a share of it.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: breakdown ('total', 'month' or 'program'), month (date, month rows), program_id (program
--          rows), measure_code, label, unit, value, events, base_measure, base_value, share (0-1 or null)
with outcomes as (
    select date_trunc('month', e.starts_at)::date as month, e.program_id, o.measure_code, o.value
    from live.event_outcomes as o
    inner join live.scoped_events($all_districts, $districts, $start_date, $end_date,
                                  $district_id, $category, $program_id) as e on e.id = o.event_id
),

totals as (
    select
        case when grouping(month) = 0 then 'month'
             when grouping(program_id) = 0 then 'program'
             else 'total' end as breakdown,
        month, program_id, measure_code,
        sum(value) as value, count(*) as events
    from outcomes
    group by grouping sets ((measure_code), (month, measure_code), (program_id, measure_code))
),

final as (
    select t.breakdown, t.month, t.program_id, t.measure_code, m.label, m.unit, t.value, t.events,
           m.at_most as base_measure, b.value as base_value,
           t.value / nullif(b.value, 0) as share
    from totals as t
    inner join live.outcome_measures as m on m.code = t.measure_code
    left join totals as b on b.measure_code = m.at_most and b.breakdown = t.breakdown
                         and b.month is not distinct from t.month
                         and b.program_id is not distinct from t.program_id
)

select * from final
order by breakdown, month, program_id, case when breakdown = 'month' then measure_code else label end
