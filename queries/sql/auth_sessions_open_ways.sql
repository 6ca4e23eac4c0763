-- auth_sessions_open_ways: the open sessions of an account but one, counted by the way their users
-- came in (a password change ends them and writes one sign-out row per way in).
-- params: username, keep_token_exp (nullable); columns: way_in, sessions
select way_in, count(*) as sessions
from live.auth_sessions
where username = $username and ended_at is null
  and ($keep_token_exp::double is null or token_exp <> $keep_token_exp::double)
group by way_in
order by way_in
