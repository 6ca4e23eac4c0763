-- concerns_list: community concerns with their age, for the ageing view and the work list.
-- params: all_districts (boolean), districts (list of ids), today (date), overdue_days (integer),
--         open_only (boolean), mine_only (boolean), user_id (integer or null), status (varchar or null),
--         category (varchar or null), district_id (integer or null)
-- columns: id, version, received_on, age_days, overdue, status, category, district, location, description,
--          channel, organization, reporter, assigned_to, referred_to, resolved_on, response_given
-- Officers see the concerns of their districts; with mine_only, only those they reported or hold.
with scoped as (
    select c.*
    from live.concerns as c
    where (live.in_scope($all_districts, $districts, c.district_id)
           or c.reported_by_id = $user_id or c.assigned_officer_id = $user_id)
      and (not $open_only or c.status not in ('resolved', 'closed'))
      and (not $mine_only or c.reported_by_id = $user_id or c.assigned_officer_id = $user_id)
      and ($status::varchar is null or c.status = $status)
      and ($category::varchar is null or c.category = $category)
      and ($district_id::integer is null or c.district_id = $district_id)
),

final as (
    select
        s.id, s.version, s.received_on,
        date_diff('day', s.received_on, coalesce(s.resolved_on, $today::date)) as age_days,
        s.status not in ('resolved', 'closed')
            and date_diff('day', s.received_on, $today::date) > $overdue_days as overdue,
        s.status, s.category, d.code as district, s.location, s.description, s.channel,
        o.name as organization,
        case when s.anonymous then '(anonymous)' else s.reporter_name end as reporter,
        u.display_name as assigned_to, s.referred_to, s.resolved_on, s.response_given
    from scoped as s
    left join live.districts as d on d.id = s.district_id
    left join live.organizations as o on o.id = s.organization_id
    left join live.users as u on u.id = s.assigned_officer_id
    order by overdue desc, s.received_on, s.id
)

select * from final
