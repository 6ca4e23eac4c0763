-- metric_businesses_by_district: the metric_businesses figures per district (null = no district).
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: district_id, businesses, businesses_verified_12m, businesses_verified_share
with filtered_businesses as (
    select b.* replace (l.verified_on as last_verified_on)
    from live.businesses as b
    left join live.business_last_checks($end_date::date) as l on l.business_id = b.id
    where ($all_districts or list_contains($districts, b.district_id))
      and ($district_id::integer is null or b.district_id = $district_id::integer)
),

final as (
    select
        district_id,
        count(*) as businesses,
        count(*) filter (where last_verified_on > $end_date::date - interval 12 month
                           and last_verified_on <= $end_date::date) as businesses_verified_12m,
        businesses_verified_12m / nullif(businesses, 0) as businesses_verified_share
    from filtered_businesses
    group by district_id
)

select * from final
order by district_id nulls last
