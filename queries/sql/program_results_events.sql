-- program_results_events: one program's events in a period, newest first, within the reader's scope
-- (same period and district rules as metric_events).
-- params: program_id (integer), start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: id, starts_at, title, location, district, attendance, officers, officer_hours,
--          feedback_avg_rating, outcomes (text: "car seats inspected 14, ...")
with filtered_events as (
    select e.*
    from live.events as e
    where e.program_id = $program_id::integer
      and e.starts_at::date between $start_date::date and $end_date::date
      and live.in_scope($all_districts, $districts, e.district_id)
      and ($district_id::integer is null or e.district_id = $district_id::integer)
),

staffing as (
    select o.event_id, count(*) as officers, sum(o.hours) as officer_hours
    from live.event_officers as o
    group by o.event_id
),

results as (
    select o.event_id,
           string_agg(lower(m.label) || ' ' || format('{:,}', o.value::bigint), ', ' order by m.label) as outcomes
    from live.event_outcomes as o
    inner join live.outcome_measures as m on m.code = o.measure_code
    group by o.event_id
),

final as (
    select e.id, e.starts_at, e.title, e.location, coalesce(d.name, 'Townwide') as district,
           e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business as attendance,
           coalesce(s.officers, 0) as officers, coalesce(s.officer_hours, 0.0) as officer_hours,
           e.feedback_avg_rating, r.outcomes
    from filtered_events as e
    left join live.districts as d on d.id = e.district_id
    left join staffing as s on s.event_id = e.id
    left join results as r on r.event_id = e.id
)

select * from final
order by starts_at desc
