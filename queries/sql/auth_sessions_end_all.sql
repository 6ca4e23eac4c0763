-- auth_sessions_end_all: end every open session of an account (deactivation).
-- params: username, now, reason
update auth_sessions set ended_at = $now, end_reason = $reason
where username = $username and ended_at is null
