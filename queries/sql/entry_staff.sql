-- entry_staff: active accounts that can staff an event or be assigned work.
-- params: none
-- columns: id, username, display_name, role
select id, username, display_name, role
from live.users
where active and role in ('officer', 'prevention', 'admin', 'command')
order by display_name
