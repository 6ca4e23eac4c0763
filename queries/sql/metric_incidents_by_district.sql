-- metric_incidents_by_district: imported crime incidents per district in one period (crime family).
-- An incident counts when it occurred on a day from start_date to end_date (inclusive) and lies in a
-- district (incidents placed in no district are left out). Every crime type counts.
-- glossary: Imported crime incidents of every type that occurred from the first to the last day of the
--   period, counted in the district where they occurred; incidents placed in no district are left out.
-- params: start_date, end_date (date); all_districts, districts
-- columns: district_id, incidents
with filtered_incidents as (
    select i.district_id
    from live.incidents as i
    where i.occurred_at::date between $start_date::date and $end_date::date
      and i.district_id is not null
      and live.in_scope($all_districts, $districts, i.district_id)
),

final as (
    select district_id, count(*) as incidents
    from filtered_incidents
    group by district_id
)

select * from final
order by district_id
