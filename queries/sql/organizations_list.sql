-- organizations_list: community organizations with their liaison and meetings attended.
-- params: org_type (varchar or null), district_id (integer or null), active_only (boolean), since (date)
-- columns: id, version, name, org_type, district, active, established_by_department, contact_name,
--          contact_phone, contact_email, liaison, meeting_schedule, meetings_since, last_meeting
with orgs as (
    select * from live.organizations
    where ($org_type::varchar is null or org_type = $org_type)
      and ($district_id::integer is null or district_id = $district_id)
      and (not $active_only or active)
),

meetings as (
    select organization_id, count(*) filter (where met_on >= $since::date) as meetings_since,
           max(met_on) as last_meeting
    from live.org_meetings
    group by organization_id
),

final as (
    select o.id, o.version, o.name, o.org_type, d.code as district, o.active, o.established_by_department,
           o.contact_name, o.contact_phone, o.contact_email, u.display_name as liaison, o.meeting_schedule,
           coalesce(m.meetings_since, 0) as meetings_since, m.last_meeting
    from orgs as o
    left join live.districts as d on d.id = o.district_id
    left join live.users as u on u.id = o.liaison_officer_id
    left join meetings as m on m.organization_id = o.id
    order by o.name
)

select * from final
