-- auth_sessions_start_provider: a sign-in through the identity provider; the session is named, as a
-- password sign-in's is, by the username and an expiry stamp (the ID token is tied to it in
-- identity_sessions).
-- params: username, token_exp, now (UTC)
insert into auth_sessions (username, token_exp, started_at, last_seen_at, ended_at, end_reason, way_in)
values ($username, $token_exp, $now, $now, null, null, 'provider')
