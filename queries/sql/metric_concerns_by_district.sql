-- metric_concerns_by_district: the metric_concerns figures per district (null = no district).
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: district_id, concerns_received, concerns_resolved, concerns_open_end, median_days_to_resolve
with filtered_concerns as (
    select c.*
    from live.concerns as c
    where ($all_districts or list_contains($districts, c.district_id))
      and ($district_id::integer is null or c.district_id = $district_id::integer)
),

final as (
    select
        district_id,
        count(*) filter (where received_on between $start_date::date and $end_date::date) as concerns_received,
        count(*) filter (where resolved_on between $start_date::date and $end_date::date) as concerns_resolved,
        count(*) filter (where received_on <= $end_date::date
                           and (resolved_on is null or resolved_on > $end_date::date)) as concerns_open_end,
        median(resolved_on - received_on) filter (
            where resolved_on between $start_date::date and $end_date::date) as median_days_to_resolve
    from filtered_concerns
    group by district_id
)

select * from final
order by district_id nulls last
