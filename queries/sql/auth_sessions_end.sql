-- auth_sessions_end: end a session; its cookie no longer signs anyone in.
-- params: username, token_exp, now, reason
update auth_sessions set ended_at = $now, end_reason = $reason
where username = $username and token_exp = $token_exp and ended_at is null
