-- auth_sessions_end_every: end every open session of every account (after a restore).
-- params: now, reason
update auth_sessions set ended_at = $now, end_reason = $reason
where ended_at is null
