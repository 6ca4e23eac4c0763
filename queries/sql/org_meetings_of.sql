-- org_meetings_of: the meetings of one organization that the department attended, newest first.
-- params: organization_id (integer)
-- columns: met_on, officer, attendance, topics
select m.met_on, u.display_name as officer, m.attendance, m.topics
from live.org_meetings as m
left join live.users as u on u.id = m.officer_id
where m.organization_id = $organization_id
order by m.met_on desc, m.id desc
