-- 0004_auth: what sign-in needs beyond the users table.
--
-- Failed attempts and locks are keyed by the username as typed, whether or not
-- such a user exists, so a locked-out message reveals nothing about accounts.
-- A sign-in session is identified by the username and the expiry stamped into
-- its cookie; revoking the row makes a copied cookie worthless.

create table login_failures (
    username  varchar   not null,
    at_utc    timestamp not null
);

create table login_locks (
    username      varchar primary key,
    locked_at     timestamp not null,
    locked_until  timestamp not null,
    unlocked_at   timestamp,
    unlocked_by   varchar
);

create table auth_sessions (
    username      varchar   not null,
    token_exp     double    not null,       -- the `exp_date` inside the signed cookie
    started_at    timestamp not null,
    last_seen_at  timestamp not null,
    ended_at      timestamp,
    end_reason    varchar check (end_reason is null or end_reason in ('sign_out', 'idle', 'disabled', 'password_change')),
    primary key (username, token_exp)
);

alter table users add column password_changed_at timestamp;

create view live.login_failures as select * from main.login_failures;
create view live.login_locks as select * from main.login_locks;
create view live.auth_sessions as select * from main.auth_sessions;
