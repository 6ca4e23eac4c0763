-- metric_businesses: the business contact list as of a period's end (the businesses family), in
-- all and per district (the first row is the total, then one row per district; null = no district).
-- Verified within 12 months: verified (business_verifications) on a day after
-- (end_date - 12 months) and not after end_date. Not tied to programs: category and program
-- filters do not apply.
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, businesses, businesses_verified_12m,
--          businesses_verified_share (0-1, null when none)
with counted as (
    select
        grouping(district_id) = 1 as total,
        district_id,
        count(*) as businesses,
        count(*) filter (where last_verified_on > $end_date::date - interval 12 month
                           and last_verified_on <= $end_date::date) as businesses_verified_12m
    from live.scoped_businesses($all_districts, $districts, $district_id, $end_date)
    group by grouping sets ((), (district_id))
),

final as (
    select total, district_id, businesses, businesses_verified_12m,
           businesses_verified_12m / nullif(businesses, 0) as businesses_verified_share
    from counted
)

select * from final
order by total desc, district_id nulls last
