-- 0011_password_history: earlier password hashes, so a user cannot go back to a recent password.
--
-- When a password changes (by the user or by an administrator), the hash it replaces is added
-- here in the same unit of work, and only the newest four are kept: with the current hash in
-- users.password_hash, that is the user's last five passwords. A new password is checked against
-- each of them with bcrypt (core/accounts.py). Bookkeeping, not a record users edit: rows are only
-- inserted and pruned. user_id carries no foreign key, since DuckDB refuses updates of a users row
-- that another table references, and a password change updates that row.

create sequence seq_password_history start 1;

create table password_history (
    id             bigint primary key default nextval('seq_password_history'),
    user_id        integer   not null,
    password_hash  varchar   not null,
    replaced_at    timestamp not null
);

create index password_history_user on password_history (user_id);

create view live.password_history as
select id, user_id, password_hash, replaced_at
from main.password_history;
