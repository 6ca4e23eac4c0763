-- auth_session_touch: the session was used just now (idle timeout starts again).
-- params: username, token_exp, now
update auth_sessions set last_seen_at = $now
where username = $username and token_exp = $token_exp and ended_at is null
