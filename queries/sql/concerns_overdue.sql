-- concerns_overdue: concerns still open on a day and received more than `days` days before it,
-- oldest first: the queue command and the Crime Prevention officer act on.
-- params: as_of (date), days (integer); all_districts, districts; district_id (or null); max_rows
-- columns (total_rows: how many match before max_rows): id, received_on, days_open, category, status, location, district_id, district,
--          assigned_to, referred_to
with filtered_concerns as (
    select c.*
    from live.concerns as c
    where live.in_scope($all_districts, $districts, c.district_id)
      and ($district_id::integer is null or c.district_id = $district_id::integer)
      and c.received_on < $as_of::date - $days::integer     -- open more than `days` days, as on the Concerns page
      and (c.resolved_on is null or c.resolved_on > $as_of::date)
),

final as (
    select c.id, c.received_on, $as_of::date - c.received_on as days_open, c.category, c.status,
           c.location, c.district_id, d.name as district, u.display_name as assigned_to, c.referred_to,
           count(*) over () as total_rows
    from filtered_concerns as c
    left join live.districts as d on d.id = c.district_id
    left join live.users as u on u.id = c.assigned_officer_id
)

select * from final
order by received_on, id
limit $max_rows
