-- identity_sessions_by_key: the session an ID token started, if it started one.
-- params: token_key; columns: username, token_exp
select username, token_exp from live.identity_sessions where token_key = $token_key
