-- auth_sessions_open_count: how many sign-in sessions are open (not ended).
-- params: none
-- columns: sessions
select count(*) as sessions from auth_sessions where ended_at is null
