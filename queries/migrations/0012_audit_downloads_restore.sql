-- 0012_audit_downloads_restore: downloads of personal data are audited; a restore ends sessions.
--
-- audit_log gains the action 'download' (a business contact list, a concerns list or another
-- list leaving the app as a file, written when the file is made for the user), and auth_sessions
-- the end reason 'restore' (a restore ends every session the backup held open, so nobody is
-- signed in by a cookie of the backup's time). DuckDB cannot change a CHECK constraint in place:
-- both tables are rebuilt with the same columns, rows and sequence. Nothing refers to either.

create table audit_log_0012 as select * from main.audit_log;
drop table main.audit_log;
create table audit_log (
    id          bigint primary key default nextval('seq_audit'),
    at_utc      timestamp not null,
    username    varchar   not null,
    role        varchar   not null,
    action      varchar   not null check (action in (
                    'create', 'update', 'delete', 'restore', 'import', 'sign_in', 'sign_in_failed',
                    'lockout', 'unlock', 'sign_out', 'permission_change', 'password_change',
                    'denied', 'submit', 'reopen', 'acknowledge', 'backup', 'restore_backup', 'download')),
    table_name  varchar,
    record_id   varchar,
    before      varchar,                  -- JSON of the row before, null for create
    after       varchar,                  -- JSON of the row after, null for delete
    detail      varchar
);
insert into audit_log (id, at_utc, username, role, action, table_name, record_id, before, after, detail)
select id, at_utc, username, role, action, table_name, record_id, before, after, detail
from audit_log_0012 order by id;
drop table audit_log_0012;

create table auth_sessions_0012 as select * from main.auth_sessions;
drop table main.auth_sessions;
create table auth_sessions (
    username      varchar   not null,
    token_exp     double    not null,       -- the `exp_date` inside the signed cookie
    started_at    timestamp not null,
    last_seen_at  timestamp not null,
    ended_at      timestamp,
    end_reason    varchar check (end_reason is null or end_reason in (
                      'sign_out', 'idle', 'disabled', 'password_change', 'restore')),
    primary key (username, token_exp)
);
insert into auth_sessions (username, token_exp, started_at, last_seen_at, ended_at, end_reason)
select username, token_exp, started_at, last_seen_at, ended_at, end_reason from auth_sessions_0012;
drop table auth_sessions_0012;
