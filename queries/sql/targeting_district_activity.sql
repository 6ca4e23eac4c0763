-- targeting_district_activity: per top-level district, crime in the period and the period before beside
-- program activity, with districts where crime is high or rising and activity is low pointed out.
--   high:   incidents above the mean of the districts shown
--   rising: at least 10% and at least 5 incidents more than the previous period
--   low:    events per 100 incidents below the mean of the districts shown (or no events at all)
-- params: all_districts, districts, start_date, end_date, prev_start, prev_end (dates, inclusive),
--         crime_type (null = all types)
-- columns: district_id, code, name, incidents, previous_incidents, change_pct, events, attendance,
--          events_per_100_incidents, crime_high, crime_rising, activity_low, attention
with scoped as (
    select d.id, d.code, d.name
    from live.districts as d
    where d.parent_id is null and live.in_scope($all_districts, $districts, d.id)
),

rollup as (
    select district_id, top_district_id from live.district_rollup
),

incidents as (
    select r.top_district_id as district_id,
           count(*) filter (where i.occurred_at >= $start_date::date) as incidents,
           count(*) filter (where i.occurred_at < $prev_end::date + interval 1 day) as previous_incidents
    from live.incidents as i
    join rollup as r on r.district_id = i.district_id
    where i.occurred_at >= least($start_date::date, $prev_start::date)
      and i.occurred_at < $end_date::date + interval 1 day
      and ($crime_type::varchar is null or i.crime_type_code = $crime_type)
    group by 1
),

events as (
    select district_id, events, attendance
    from live.events_by_top_district($start_date, $end_date, null)
),

joined as (
    select
        s.id as district_id, s.code, s.name,
        coalesce(i.incidents, 0) as incidents,
        coalesce(i.previous_incidents, 0) as previous_incidents,
        coalesce(e.events, 0) as events,
        coalesce(e.attendance, 0) as attendance,
        case when coalesce(i.incidents, 0) > 0 then coalesce(e.events, 0) * 100.0 / i.incidents end
            as events_per_100_incidents
    from scoped as s
    left join incidents as i on i.district_id = s.id
    left join events as e on e.district_id = s.id
),

flagged as (
    select
        *,
        case when previous_incidents > 0
             then round((incidents - previous_incidents) * 100.0 / previous_incidents, 1) end as change_pct,
        incidents > 0 and incidents > avg(incidents) over () as crime_high,
        incidents >= previous_incidents * 1.1 and incidents - previous_incidents >= 5 as crime_rising,
        events = 0 or events_per_100_incidents < avg(events_per_100_incidents) over () as activity_low
    from joined
),

final as (
    select
        district_id, code, name, incidents, previous_incidents, change_pct, events, attendance,
        round(events_per_100_incidents, 1) as events_per_100_incidents,
        crime_high, crime_rising, activity_low,
        (crime_high or crime_rising) and activity_low and incidents > 0 as attention
    from flagged
)

select * from final
order by attention desc, incidents desc, code
