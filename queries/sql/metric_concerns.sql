-- metric_concerns: community concerns and the department's response in one period (concerns family),
-- in all and per district (the first row is the total, then one row per district; null = no district).
-- Received: received_on in the period. Resolved: resolved_on (resolved or closed) in the period.
-- Still open at the end: received on or before end_date and not resolved by end_date.
-- Median days to resolve: median of (resolved_on - received_on) over the concerns resolved in the
-- period (null when none). Not tied to programs: category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, concerns_received, concerns_resolved,
--          concerns_open_end, median_days_to_resolve
with final as (
    select
        grouping(district_id) = 1 as total,
        district_id,
        count(*) filter (where received_on between $start_date::date and $end_date::date) as concerns_received,
        count(*) filter (where resolved_on between $start_date::date and $end_date::date) as concerns_resolved,
        count(*) filter (where received_on <= $end_date::date
                           and (resolved_on is null or resolved_on > $end_date::date)) as concerns_open_end,
        median(resolved_on - received_on) filter (
            where resolved_on between $start_date::date and $end_date::date) as median_days_to_resolve
    from live.scoped_concerns($all_districts, $districts, $district_id)
    group by grouping sets ((), (district_id))
)

select * from final
order by total desc, district_id nulls last
