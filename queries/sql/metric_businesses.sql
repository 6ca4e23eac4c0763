-- metric_businesses: the business contact list as of a period's end (the businesses family), in
-- all and per district (the first row is the total, then one row per district; null = no district).
-- Verified within 12 months: verified (business_verifications) on a day after
-- (end_date - 12 months) and not after end_date. Not tied to programs: category and program
-- filters do not apply.
-- Read from the businesses and their verifications in the window, not from scoped_businesses:
-- that relation works out every business's latest verification over all time, which costs a
-- grouping of every verification ever made where the figure needs only the last 12 months'.
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, businesses, businesses_verified_12m,
--          businesses_verified_share (0-1, null when none)
with verified as (
    select distinct business_id
    from live.business_verifications
    where verified_on > $end_date::date - interval 12 month and verified_on <= $end_date::date
),

counted as (
    select
        grouping(b.district_id) = 1 as total,
        b.district_id,
        count(*) as businesses,
        count(v.business_id) as businesses_verified_12m
    from live.businesses as b
    left join verified as v on v.business_id = b.id
    where live.in_scope($all_districts, $districts, b.district_id)
      and ($district_id::integer is null or b.district_id = $district_id::integer)
    group by grouping sets ((), (b.district_id))
),

final as (
    select total, district_id, businesses, businesses_verified_12m,
           businesses_verified_12m / nullif(businesses, 0) as businesses_verified_share
    from counted
)

select * from final
order by total desc, district_id nulls last
