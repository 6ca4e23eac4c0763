-- businesses_stale: businesses whose contact details were not verified within 12 months of a day
-- (never verified first, then the oldest), the list an officer works through.
-- Same 12-month rule as metric_businesses; last_verified_on is the latest check on or before as_of.
-- params: as_of (date); all_districts, districts; district_id (or null); max_rows (integer)
-- columns (total_rows: how many match before max_rows): id, name, address, district_id, district, last_verified_on, days_since_verified
with final as (
    select b.id, b.name, b.address, b.district_id, d.name as district, b.last_verified_on,
           $as_of::date - b.last_verified_on as days_since_verified,
           count(*) over () as total_rows
    from live.scoped_businesses($all_districts, $districts, $district_id, $as_of) as b
    left join live.districts as d on d.id = b.district_id
    where b.last_verified_on is null or b.last_verified_on <= $as_of::date - interval 12 month
)

select * from final
order by last_verified_on nulls first, name
limit $max_rows
