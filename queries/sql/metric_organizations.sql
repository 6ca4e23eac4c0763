-- metric_organizations: community organizations in one period (the organizations family).
-- New: founded on a day in the period. Active: marked active and founded on or before end_date
-- (or founding date unknown). Met: organizations with a meeting attended by an officer in the
-- period. Townwide organizations (no district) count only when no district is chosen and the
-- reader sees all districts. Category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: organizations_new, organizations_active, organizations_met, org_meetings
with filtered_orgs as (
    select o.*
    from live.organizations as o
    where ($all_districts or list_contains($districts, o.district_id))
      and ($district_id::integer is null or o.district_id = $district_id::integer)
),

meetings as (
    select m.*
    from live.org_meetings as m
    inner join filtered_orgs as o on o.id = m.organization_id
    where m.met_on between $start_date::date and $end_date::date
),

final as (
    select
        (select count(*) from filtered_orgs
          where founded_on between $start_date::date and $end_date::date) as organizations_new,
        (select count(*) from filtered_orgs
          where active and (founded_on is null or founded_on <= $end_date::date)) as organizations_active,
        (select count(distinct organization_id) from meetings) as organizations_met,
        (select count(*) from meetings) as org_meetings
)

select * from final
