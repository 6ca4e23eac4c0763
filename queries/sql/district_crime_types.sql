-- district_crime_types: incidents by crime type in one district (with its sectors/beats) for a period
-- and the period before it.
-- params: all_districts, districts, district_id, start_date, end_date, prev_start, prev_end (dates, inclusive)
-- columns: crime_type, incidents, previous_period
with rollup as (
    select district_id from live.district_rollup
    where top_district_id = $district_id and live.in_scope($all_districts, $districts, $district_id)
),

incidents as (
    select coalesce(t.label, 'Not mapped to a crime type') as crime_type, i.occurred_at
    from live.incidents as i
    left join live.crime_types as t on t.code = i.crime_type_code
    where i.district_id in (select district_id from rollup)
      and i.occurred_at >= $prev_start::date and i.occurred_at < $end_date::date + interval 1 day
),

final as (
    select
        crime_type,
        count(*) filter (where occurred_at >= $start_date::date) as incidents,
        count(*) filter (where occurred_at < $prev_end::date + interval 1 day) as previous_period
    from incidents
    group by crime_type
)

select * from final
where incidents > 0 or previous_period > 0
order by incidents desc, crime_type
