-- metric_organizations_by_district: the metric_organizations figures per district (null = townwide).
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: district_id, organizations_new, organizations_active, organizations_met
with filtered_orgs as (
    select o.*
    from live.organizations as o
    where ($all_districts or list_contains($districts, o.district_id))
      and ($district_id::integer is null or o.district_id = $district_id::integer)
),

met as (
    select distinct m.organization_id
    from live.org_meetings as m
    where m.met_on between $start_date::date and $end_date::date
),

final as (
    select
        o.district_id,
        count(*) filter (where o.founded_on between $start_date::date and $end_date::date) as organizations_new,
        count(*) filter (where o.active and (o.founded_on is null or o.founded_on <= $end_date::date))
            as organizations_active,
        count(met.organization_id) as organizations_met
    from filtered_orgs as o
    left join met on met.organization_id = o.id
    group by o.district_id
)

select * from final
order by district_id nulls last
