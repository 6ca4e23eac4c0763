-- Hand-written PostgreSQL form of queries/sql/login_locks_upsert.sql (queries/postgresql_sql.py, HAND_WRITTEN).
-- DuckDB's INSERT OR REPLACE sets the inserted columns of the row with the same key: here ON CONFLICT
-- on the primary key (username) does the same.
-- login_locks_upsert: lock a username until `until`.
-- params: username, now, until (UTC)
insert into login_locks (username, locked_at, locked_until, unlocked_at, unlocked_by)
values (%(username)s, %(now)s, %(until)s, null, null)
on conflict (username) do update
set locked_at = excluded.locked_at, locked_until = excluded.locked_until,
    unlocked_at = excluded.unlocked_at, unlocked_by = excluded.unlocked_by
