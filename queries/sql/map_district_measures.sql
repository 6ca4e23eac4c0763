-- map_district_measures: every map measure per top-level district for a period and filter.
-- params: all_districts (boolean), districts (list of ids), start_date (date), end_date (date, inclusive),
--         crime_type (varchar, null = all types), program_id (integer, null = all programs)
-- columns: district_id, code, name, population, events, attendance, attendance_per_1000,
--          businesses, businesses_verified_12m, open_concerns, incidents, incidents_per_event
with scoped as (
    select d.id, d.code, d.name, d.population
    from live.districts as d
    where d.parent_id is null
      and live.in_scope($all_districts, $districts, d.id)
),

rollup as (
    select district_id, top_district_id from live.district_rollup
),

events as (
    select district_id, events, attendance
    from live.events_by_top_district($start_date, $end_date, $program_id)
),

businesses as (
    select r.top_district_id as district_id,
           count(*) as businesses,
           count(*) filter (where l.verified_on > $end_date::date - interval 1 year) as businesses_verified_12m
    from live.businesses as b
    join rollup as r on r.district_id = b.district_id
    left join live.business_last_checks($end_date::date) as l on l.business_id = b.id
    group by 1
),

concerns as (
    select r.top_district_id as district_id, count(*) as open_concerns
    from live.concerns as c
    join rollup as r on r.district_id = c.district_id
    where c.received_on <= $end_date::date and (c.resolved_on is null or c.resolved_on > $end_date::date)
    group by 1
),

incidents as (
    select r.top_district_id as district_id, count(*) as incidents
    from live.incidents as i
    join rollup as r on r.district_id = i.district_id
    where i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day
      and ($crime_type::varchar is null or i.crime_type_code = $crime_type)
    group by 1
),

final as (
    select
        s.id as district_id,
        s.code,
        s.name,
        s.population,
        coalesce(e.events, 0) as events,
        coalesce(e.attendance, 0) as attendance,
        case when s.population > 0 then round(coalesce(e.attendance, 0) * 1000.0 / s.population, 1) end
            as attendance_per_1000,
        coalesce(b.businesses, 0) as businesses,
        coalesce(b.businesses_verified_12m, 0) as businesses_verified_12m,
        coalesce(c.open_concerns, 0) as open_concerns,
        coalesce(i.incidents, 0) as incidents,
        case when coalesce(e.events, 0) > 0 then round(coalesce(i.incidents, 0) / e.events, 1) end
            as incidents_per_event
    from scoped as s
    left join events as e on e.district_id = s.id
    left join businesses as b on b.district_id = s.id
    left join concerns as c on c.district_id = s.id
    left join incidents as i on i.district_id = s.id
)

select * from final
order by code
