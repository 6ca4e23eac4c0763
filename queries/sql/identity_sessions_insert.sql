-- identity_sessions_insert: an ID token starts one session and no other.
-- params: token_key, username, token_exp, now (UTC)
insert into identity_sessions (token_key, username, token_exp, started_at)
values ($token_key, $username, $token_exp, $now)
