-- metric_outcomes_by_month: outcome figures per month (same rules as metric_outcomes), with each
-- at_most measure's share of its base measure that month (e.g. share of car seats installed
-- incorrectly). Only months with a recorded value appear.
-- params: start_date, end_date (date); all_districts, districts; district_id, category, program_id (or null)
-- columns: month (date), measure_code, label, unit, value, base_measure, base_value, share
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
    select date_trunc('month', e.starts_at)::date as month, o.measure_code, sum(o.value) as value
    from live.event_outcomes as o
    inner join filtered_events as e on e.id = o.event_id
    group by 1, 2
),

final as (
    select t.month, t.measure_code, m.label, m.unit, t.value,
           m.at_most as base_measure, b.value as base_value,
           t.value / nullif(b.value, 0) as share
    from totals as t
    inner join live.outcome_measures as m on m.code = t.measure_code
    left join totals as b on b.measure_code = m.at_most and b.month = t.month
)

select * from final
order by month, measure_code
