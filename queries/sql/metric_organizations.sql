-- metric_organizations: community organizations in one period (the organizations family), in all
-- and per district (the first row is the total, then one row per district; null = townwide).
-- New: founded on a day in the period. Active: marked active and founded on or before end_date
-- (or founding date unknown). Met: organizations with a meeting attended by an officer in the
-- period. Townwide organizations (no district) count only when no district is chosen and the
-- reader sees all districts. Category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, organizations_new, organizations_active,
--          organizations_met, org_meetings
with met as (
    select m.organization_id, count(*) as meetings
    from live.org_meetings as m
    where m.met_on between $start_date::date and $end_date::date
    group by m.organization_id
),

final as (
    select
        grouping(o.district_id) = 1 as total,
        o.district_id,
        count(*) filter (where o.founded_on between $start_date::date and $end_date::date) as organizations_new,
        count(*) filter (where o.active and (o.founded_on is null or o.founded_on <= $end_date::date))
            as organizations_active,
        count(met.organization_id) as organizations_met,
        coalesce(sum(met.meetings), 0)::bigint as org_meetings
    from live.scoped_organizations($all_districts, $districts, $district_id) as o
    left join met on met.organization_id = o.id
    group by grouping sets ((), (o.district_id))
)

select * from final
order by total desc, district_id nulls last
