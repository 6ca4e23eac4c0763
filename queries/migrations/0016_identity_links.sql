-- 0016_identity_links: signing in through the department's identity provider (OpenID Connect).
--
-- A person at the provider is known by the token's issuer and subject; identity_links ties that
-- pair to one account, the first time by a verified e-mail address an administrator entered on
-- the account. An identity linked to no account is refused: it never gets a default role.
-- The app's own session (auth_sessions) is still what grants access, whichever way the user came
-- in: identity_sessions names the session each ID token started, so the provider's cookie of an
-- ended session starts no new one. The way in ('password' or 'provider') is kept on each session
-- and on every audit row of a sign-in, sign-out or refusal. user_id carries no foreign key, since
-- DuckDB refuses updates of a users row that another table references.

create table identity_links (
    issuer             varchar   not null,    -- the provider's `iss`
    subject            varchar   not null,    -- the person's `sub` at that provider (never reassigned)
    user_id            integer   not null,    -- the account this identity signs in as
    email              varchar,               -- the verified e-mail address the first link was made by
    linked_at          timestamp not null,
    roles_from_groups  boolean   not null default false,  -- the last sign-in took role and districts from the groups claim
    primary key (issuer, subject)
);

create index identity_links_user on identity_links (user_id);

create table identity_sessions (
    token_key   varchar   primary key,        -- SHA-256 of the ID token's issuer, subject, nonce and issue time
    username    varchar   not null,           -- with token_exp: the auth_sessions row this ID token started
    token_exp   double    not null,
    started_at  timestamp not null
);

alter table auth_sessions add column way_in varchar not null default 'password';   -- 'password' or 'provider'
alter table audit_log add column way_in varchar;  -- sign-ins, sign-outs and refusals: 'password' or 'provider'

create view live.identity_links as
select issuer, subject, user_id, email, linked_at, roles_from_groups
from main.identity_links;

create view live.identity_sessions as
select token_key, username, token_exp, started_at
from main.identity_sessions;
