-- auth_sessions_way_in: how a session's user came in ('password' or 'provider'), ended or not.
-- params: username, token_exp; columns: way_in
select way_in from live.auth_sessions
where username = $username and token_exp = $token_exp
