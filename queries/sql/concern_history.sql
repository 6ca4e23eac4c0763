-- concern_history: the update history of one concern, oldest first.
-- params: concern_id (integer)
-- columns: at_utc, by_user, status, note
select at_utc, by_user, status, note
from live.concern_updates
where concern_id = $concern_id
order by at_utc, id
