-- auth_sessions_end_others: end every open session of an account except one (a password change
-- keeps the session that made it); with keep_token_exp null, end them all.
-- params: username, keep_token_exp (nullable), now, reason; columns: Count (sessions ended)
update auth_sessions set ended_at = $now, end_reason = $reason
where username = $username and ended_at is null
  and ($keep_token_exp::double is null or token_exp <> $keep_token_exp::double)
