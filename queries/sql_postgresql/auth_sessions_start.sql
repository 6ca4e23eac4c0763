-- Hand-written PostgreSQL form of queries/sql/auth_sessions_start.sql (queries/postgresql_sql.py, HAND_WRITTEN).
-- DuckDB's INSERT OR REPLACE sets the inserted columns of the row with the same key: here ON CONFLICT
-- on the primary key (username, token_exp) does the same; way_in, not inserted, keeps its value.
-- auth_sessions_start: a sign-in, identified by the expiry stamped into its cookie.
-- params: username, token_exp, now (UTC)
insert into auth_sessions (username, token_exp, started_at, last_seen_at, ended_at, end_reason)
values (%(username)s, %(token_exp)s, %(now)s, %(now)s, null, null)
on conflict (username, token_exp) do update
set started_at = excluded.started_at, last_seen_at = excluded.last_seen_at,
    ended_at = excluded.ended_at, end_reason = excluded.end_reason
