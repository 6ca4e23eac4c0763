-- auth_session: one sign-in session with its account's role.
-- params: username, token_exp
-- columns: username, token_exp, started_at, last_seen_at, ended_at, end_reason, user_id, role
select s.username, s.token_exp, s.started_at, s.last_seen_at, s.ended_at, s.end_reason,
       u.id as user_id, u.role
from live.auth_sessions as s
join live.users as u on u.username = s.username and u.active
where s.username = $username and s.token_exp = $token_exp
