-- 0005_entry: what the data-entry screens and imports need.
--
-- 1. concern_updates without its foreign key to concerns.
--    DuckDB refuses to change an indexed column (its foreign-key columns are
--    indexed) of a row that another table references. Every concern has a
--    history line from the moment it is received, so with the key in place a
--    concern could never be assigned to another officer, moved to another
--    district or linked to an organization. The history is append-only and
--    written only by core/entry/concerns.py, which checks the concern exists
--    inside the same transaction. Same columns, same sequence, same rows.
create table concern_updates_0005 as select * from main.concern_updates;
drop view live.concern_updates;
drop table main.concern_updates;
create table concern_updates (
    id          integer primary key default nextval('seq_concern_updates'),
    concern_id  integer not null,          -- concerns.id (checked by the writer, see above)
    at_utc      timestamp not null,
    by_user     varchar not null,
    status      varchar,
    note        varchar not null
);
insert into concern_updates select id, concern_id, at_utc, by_user, status, note from concern_updates_0005;
drop table concern_updates_0005;
create index concern_updates_concern on concern_updates (concern_id);
create view live.concern_updates as select * from main.concern_updates;

-- 2. Saved column mappings for imports: a file's columns -> an importer's fields,
--    reused the next time a file of the same shape arrives.
create sequence seq_import_mappings start 1;

create table import_mappings (
    id           integer primary key default nextval('seq_import_mappings'),
    kind         varchar not null,          -- importer name: programs, events, participants, ...
    name         varchar not null,
    mapping_json varchar not null,          -- {"field": "column", ...}
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp,
    check (name <> ''),
    check (kind <> '')
);

create view live.import_mappings as select * from main.import_mappings where deleted_at is null;

-- 3. Views over rows that live.* hides but some checks must see.
-- Deleted events, for the administrator's restore list.
create view live.events_deleted as select * from main.events where deleted_at is not null;
-- Every row that points at an event, deleted or not: DuckDB's key check counts them all.
create view live.event_references as
    select event_id from main.event_officers
    union all select event_id from main.event_outcomes
    union all select event_id from main.event_partners
    union all select event_id from main.roster_attendance;
-- Program names and enrolment pairs are unique across deleted rows too.
create view live.program_names as select id, name, deleted_at from main.programs;
create view live.enrolment_pairs as select id, cohort_id, participant_id, deleted_at from main.enrolments;
