-- cohort_sessions: the session events of one cohort, in order.
-- params: cohort_id (integer)
-- columns: id, session_number, starts_at, title
select id, session_number, starts_at, title
from live.events
where cohort_id = $cohort_id
order by starts_at, session_number
