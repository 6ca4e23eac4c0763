-- auth_sessions_end_passwords: end every open password session but the break-glass administrator's
-- (local passwords switched off: a password user's cookie signs nobody in from then on).
-- params: keep_username, now, reason; columns: username (one row per session ended)
update auth_sessions set ended_at = $now, end_reason = $reason
where ended_at is null and way_in = 'password' and username <> $keep_username
returning username
