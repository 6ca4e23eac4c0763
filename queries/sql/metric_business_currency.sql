-- metric_business_currency: per district, how current the business contact list is at a date.
-- "Verified within 12 months" means a verification (business_verifications) in
-- (period_end - 12 months, period_end]; "never verified" means none on or before period_end.
-- Counts the businesses listed now (not deleted) and their current contact persons: the list has no
-- history, and imported or demo businesses are created long after they opened. A check after
-- period_end does not count for that period. Used by the Businesses page, the command overview and
-- the monthly report, so all three show the same figures.
-- params: period_end (date), all_districts (boolean), districts (list of district ids)
-- columns: district_id, district_code, district_name (null: businesses without a district),
--          businesses, verified_12m, share_verified_12m (0-1 or null when no businesses),
--          with_after_hours, share_after_hours (0-1 or null), never_verified
with scoped as (
    select b.id, b.district_id, l.verified_on as last_verified_on
    from live.businesses as b
    left join live.business_last_checks($period_end::date) as l on l.business_id = b.id
    where live.in_scope($all_districts, $districts, b.district_id)
),

after_hours as (
    select distinct c.business_id
    from live.business_contacts as c
    where c.after_hours
),

districts as (
    select d.id, d.code, d.name
    from live.districts as d
    where d.kind = 'district'
      and live.in_scope($all_districts, $districts, d.id)
),

per_business as (
    select s.district_id,
           (s.last_verified_on > $period_end::date - interval 12 month
            and s.last_verified_on <= $period_end::date) as verified,
           s.last_verified_on is null as never_verified,
           ah.business_id is not null as has_after_hours
    from scoped as s
    left join after_hours as ah on ah.business_id = s.id
),

counted as (
    select district_id,
           count(*) as businesses,
           count(*) filter (where verified) as verified_12m,
           count(*) filter (where has_after_hours) as with_after_hours,
           count(*) filter (where never_verified) as never_verified
    from per_business
    group by district_id
),

final as (
    select coalesce(d.id, c.district_id) as district_id, d.code as district_code, d.name as district_name,
           coalesce(c.businesses, 0) as businesses,
           coalesce(c.verified_12m, 0) as verified_12m,
           c.verified_12m / nullif(c.businesses, 0) as share_verified_12m,
           coalesce(c.with_after_hours, 0) as with_after_hours,
           c.with_after_hours / nullif(c.businesses, 0) as share_after_hours,
           coalesce(c.never_verified, 0) as never_verified
    from districts as d
    full outer join counted as c on c.district_id = d.id
)

select * from final order by district_code nulls last
