-- metric_businesses: the business contact list as of a period's end (the businesses family).
-- Verified within 12 months: verified (business_verifications) on a day after
-- (end_date - 12 months) and not after end_date. Not tied to programs: category and program
-- filters do not apply.
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: businesses, businesses_verified_12m, businesses_verified_share (0-1, null when none)
with filtered_businesses as (
    select b.* replace (l.verified_on as last_verified_on)
    from live.businesses as b
    left join live.business_last_checks($end_date::date) as l on l.business_id = b.id
    where ($all_districts or list_contains($districts, b.district_id))
      and ($district_id::integer is null or b.district_id = $district_id::integer)
),

final as (
    select
        count(*) as businesses,
        count(*) filter (where last_verified_on > $end_date::date - interval 12 month
                           and last_verified_on <= $end_date::date) as businesses_verified_12m,
        businesses_verified_12m / nullif(businesses, 0) as businesses_verified_share
    from filtered_businesses
)

select * from final
