-- auth_sessions_start: a sign-in, identified by the expiry stamped into its cookie.
-- params: username, token_exp, now (UTC)
insert or replace into auth_sessions (username, token_exp, started_at, last_seen_at, ended_at, end_reason)
values ($username, $token_exp, $now, $now, null, null)
