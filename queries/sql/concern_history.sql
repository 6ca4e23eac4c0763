-- concern_history: the update history of one concern, oldest first.
-- params: concern_id (integer)
-- columns: at_utc, by_user (username), written_by (that account's name, else its username), status, note
select h.at_utc, h.by_user, coalesce(u.display_name, h.by_user) as written_by, h.status, h.note
from live.concern_updates as h
left join live.users as u on u.username = h.by_user
where h.concern_id = $concern_id
order by h.at_utc, h.id
