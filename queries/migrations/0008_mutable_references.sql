-- 0008_mutable_references: the columns users edit lose their foreign keys and unique keys.
--
-- DuckDB indexes foreign-key and unique columns and cannot change an indexed column of a
-- row that another table references (it turns such an update into a delete and an insert,
-- which the references forbid). With the keys of 0001 in place a program with events could
-- not be renamed or given another lead officer, an organization with meetings could not move
-- district or change liaison, an event with officers could not move to another program or
-- district, a business with contacts could not move district, a cohort with enrolments could
-- not be renamed. So the tables below are rebuilt with those columns plain; the unit of work
-- checks the same references and uniqueness on every insert and update, inside the write
-- transaction and under the single write lock (queries/references.py lists them).
-- Keys on columns that never change after insert (a roster row's event, a contact's
-- business, ...) stay. Same columns, same order, same rows, same sequences; DuckDB will not
-- drop a referenced table, so every table that refers to a rebuilt one is rebuilt with it,
-- unchanged. The `live` views bind by name when queried and need no change.

-- 1. keep the rows
create table programs_0008 as select * from main.programs;
create table organizations_0008 as select * from main.organizations;
create table participants_0008 as select * from main.participants;
create table businesses_0008 as select * from main.businesses;
create table course_cohorts_0008 as select * from main.course_cohorts;
create table events_0008 as select * from main.events;
create table program_target_districts_0008 as select * from main.program_target_districts;
create table program_target_crime_types_0008 as select * from main.program_target_crime_types;
create table program_partners_0008 as select * from main.program_partners;
create table program_outcome_measures_0008 as select * from main.program_outcome_measures;
create table program_goals_0008 as select * from main.program_goals;
create table program_evaluations_0008 as select * from main.program_evaluations;
create table org_meetings_0008 as select * from main.org_meetings;
create table enrolments_0008 as select * from main.enrolments;
create table event_officers_0008 as select * from main.event_officers;
create table event_outcomes_0008 as select * from main.event_outcomes;
create table event_partners_0008 as select * from main.event_partners;
create table roster_attendance_0008 as select * from main.roster_attendance;
create table business_contacts_0008 as select * from main.business_contacts;
create table concerns_0008 as select * from main.concerns;

-- 2. drop, children first
drop table main.concerns;
drop table main.business_contacts;
drop table main.roster_attendance;
drop table main.event_partners;
drop table main.event_outcomes;
drop table main.event_officers;
drop table main.enrolments;
drop table main.org_meetings;
drop table main.program_evaluations;
drop table main.program_goals;
drop table main.program_outcome_measures;
drop table main.program_partners;
drop table main.program_target_crime_types;
drop table main.program_target_districts;
drop table main.events;
drop table main.course_cohorts;
drop table main.businesses;
drop table main.participants;
drop table main.organizations;
drop table main.programs;

-- 3. the tables again: programs, organizations, participants, businesses, course_cohorts and
-- events changed as marked; the rest as in 0001
create table programs (
    id               integer primary key default nextval('seq_programs'),
    name             varchar not null,                 -- unique: checked by the gateway
    category         varchar not null check (category in (
                         'youth', 'schools', 'traffic_safety', 'neighborhood_watch', 'business',
                         'seniors', 'education', 'tip_line', 'health', 'outreach', 'fundraising', 'other')),
    description      varchar,
    delivery_kind    varchar not null check (delivery_kind in ('one_off', 'recurring', 'course', 'continuous')),
    lead_officer_id  integer,                          -- users.id: checked by the gateway
    start_date       date,
    end_date         date,
    status           varchar not null default 'active' check (status in ('planned', 'active', 'paused', 'ended', 'archived')),
    version          integer   not null default 1,
    created_by       varchar   not null,
    created_at       timestamp not null,
    updated_by       varchar,
    updated_at       timestamp,
    deleted_by       varchar,
    deleted_at       timestamp,
    check (name <> ''),
    check (end_date is null or start_date is null or end_date >= start_date)
);

create table organizations (
    id                         integer primary key default nextval('seq_organizations'),
    name                       varchar not null,
    org_type                   varchar not null check (org_type in (
                                   'block_watch', 'business_watch', 'tenant_group', 'school',
                                   'business_association', 'faith', 'civic', 'media',
                                   'city_department', 'other')),
    district_id                integer,          -- districts.id: checked by the gateway
    address                    varchar,
    contact_name               varchar,
    contact_phone              varchar,          -- E.164
    contact_email              varchar,
    liaison_officer_id         integer,          -- users.id: checked by the gateway
    meeting_schedule           varchar,
    established_by_department  boolean not null default false,
    active                     boolean not null default true,
    founded_on                 date,
    notes                      varchar,
    version                    integer   not null default 1,
    created_by                 varchar   not null,
    created_at                 timestamp not null,
    updated_by                 varchar,
    updated_at                 timestamp,
    deleted_by                 varchar,
    deleted_at                 timestamp,
    check (name <> '')
);

create table participants (
    id           integer primary key default nextval('seq_participants'),
    first_name   varchar not null,
    last_name    varchar not null,
    email        varchar,
    phone        varchar,          -- E.164
    district_id  integer,          -- districts.id: checked by the gateway
    birth_year   integer check (birth_year is null or birth_year between 1900 and 2100),
    notes        varchar,
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp
);

create table businesses (
    id                integer primary key default nextval('seq_businesses'),
    name              varchar not null,
    dba               varchar,
    address           varchar not null,
    category          varchar,
    main_phone        varchar,          -- E.164
    district_id       integer,          -- districts.id: checked by the gateway
    latitude          double check (latitude is null or latitude between -90 and 90),
    longitude         double check (longitude is null or longitude between -180 and 180),
    -- a located business whose point lies in no district is kept and flagged
    outside_districts boolean not null default false,
    notes             varchar,
    last_verified_on  date,
    last_verified_by  varchar,
    version           integer   not null default 1,
    created_by        varchar   not null,
    created_at        timestamp not null,
    updated_by        varchar,
    updated_at        timestamp,
    deleted_by        varchar,
    deleted_at        timestamp,
    check (name <> ''),
    check (address <> '')
);

create table course_cohorts (
    id          integer primary key default nextval('seq_course_cohorts'),
    program_id  integer not null references programs (id),
    name        varchar not null,
    start_date  date not null,
    end_date    date not null,
    capacity    integer check (capacity is null or capacity > 0),
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp,
    -- (program_id, name) is unique: checked by the gateway
    check (end_date >= start_date)
);

create table events (
    id                     integer primary key default nextval('seq_events'),
    program_id             integer not null,    -- programs.id: checked by the gateway
    cohort_id              integer,             -- course_cohorts.id: checked by the gateway
    session_number         integer check (session_number is null or session_number > 0),
    title                  varchar,
    starts_at              timestamp not null,
    ends_at                timestamp not null,
    location               varchar,
    address                varchar,
    latitude               double check (latitude is null or latitude between -90 and 90),
    longitude              double check (longitude is null or longitude between -180 and 180),
    district_id            integer,             -- districts.id: checked by the gateway
    headcount_youth        integer not null default 0 check (headcount_youth >= 0),
    headcount_adult        integer not null default 0 check (headcount_adult >= 0),
    headcount_senior       integer not null default 0 check (headcount_senior >= 0),
    headcount_business     integer not null default 0 check (headcount_business >= 0),
    feedback_responses     integer check (feedback_responses is null or feedback_responses >= 0),
    feedback_avg_rating    double check (feedback_avg_rating is null or feedback_avg_rating between 1 and 5),
    non_enforcement        boolean not null default true,
    notes                  varchar,
    version                integer   not null default 1,
    created_by             varchar   not null,
    created_at             timestamp not null,
    updated_by             varchar,
    updated_at             timestamp,
    deleted_by             varchar,
    deleted_at             timestamp,
    check (ends_at >= starts_at),
    check ((feedback_responses is null or feedback_responses = 0) = (feedback_avg_rating is null))
);

create table program_target_districts (
    program_id   integer not null references programs (id),
    district_id  integer not null references districts (id),
    primary key (program_id, district_id)
);

create table program_target_crime_types (
    program_id       integer not null references programs (id),
    crime_type_code  varchar not null references crime_types (code),
    primary key (program_id, crime_type_code)
);

create table program_partners (
    program_id       integer not null references programs (id),
    organization_id  integer not null references organizations (id),
    primary key (program_id, organization_id)
);

create table program_outcome_measures (
    program_id    integer not null references programs (id),
    measure_code  varchar not null references outcome_measures (code),
    primary key (program_id, measure_code)
);

create table program_goals (
    id            integer primary key default nextval('seq_program_goals'),
    program_id    integer not null references programs (id),
    -- 'events', 'attendance', 'participants', 'completions' or an outcome measure code
    measure       varchar not null,
    target_value  double  not null check (target_value >= 0),
    per_period    varchar not null default 'year' check (per_period in ('month', 'year', 'cohort')),
    description   varchar,
    version       integer   not null default 1,
    created_by    varchar   not null,
    created_at    timestamp not null,
    updated_by    varchar,
    updated_at    timestamp,
    deleted_by    varchar,
    deleted_at    timestamp
);

create table program_evaluations (
    id              integer primary key default nextval('seq_evaluations'),
    program_id      integer not null references programs (id),
    year            integer not null check (year between 2000 and 2100),
    figures_json    varchar,          -- assembled figures as evaluated
    assessment      varchar,
    recommendation  varchar check (recommendation is null or recommendation in ('continue', 'change', 'stop')),
    status          varchar not null default 'draft' check (status in ('draft', 'submitted')),
    submitted_by    varchar,
    submitted_at    timestamp,
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp,
    unique (program_id, year)
);

create table org_meetings (
    id               integer primary key default nextval('seq_org_meetings'),
    organization_id  integer not null references organizations (id),
    met_on           date not null,
    officer_id       integer references users (id),
    attendance       integer check (attendance is null or attendance >= 0),
    topics           varchar,
    version          integer   not null default 1,
    created_by       varchar   not null,
    created_at       timestamp not null,
    updated_by       varchar,
    updated_at       timestamp,
    deleted_by       varchar,
    deleted_at       timestamp
);

create table enrolments (
    id              integer primary key default nextval('seq_enrolments'),
    cohort_id       integer not null references course_cohorts (id),
    participant_id  integer not null references participants (id),
    enrolled_on     date not null,
    ride_along_on   date,
    completed       boolean not null default false,
    completed_on    date,
    status          varchar not null default 'enrolled' check (status in ('enrolled', 'withdrawn', 'completed')),
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp,
    unique (cohort_id, participant_id),
    check (completed = (status = 'completed')),
    check (completed_on is null or completed)
);

create table event_officers (
    event_id  integer not null references events (id),
    user_id   integer not null references users (id),
    hours     double  not null check (hours >= 0 and hours <= 24),
    primary key (event_id, user_id)
);

create table event_outcomes (
    event_id      integer not null references events (id),
    measure_code  varchar not null references outcome_measures (code),
    value         double  not null check (value >= 0),
    primary key (event_id, measure_code)
);

create table event_partners (
    event_id         integer not null references events (id),
    organization_id  integer not null references organizations (id),
    primary key (event_id, organization_id)
);

create table roster_attendance (
    event_id      integer not null references events (id),
    enrolment_id  integer not null references enrolments (id),
    present       boolean not null,
    version       integer   not null default 1,
    created_by    varchar   not null,
    created_at    timestamp not null,
    updated_by    varchar,
    updated_at    timestamp,
    deleted_by    varchar,
    deleted_at    timestamp,
    primary key (event_id, enrolment_id)
);

create table business_contacts (
    id           integer primary key default nextval('seq_business_contacts'),
    business_id  integer not null references businesses (id),
    name         varchar not null,
    role         varchar not null check (role in ('owner', 'manager', 'keyholder', 'employee', 'security', 'other')),
    phone        varchar,          -- E.164
    alt_phone    varchar,
    email        varchar,
    after_hours  boolean not null default false,   -- may be called out after hours (keyholder)
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp,
    check (name <> '')
);

create table concerns (
    id                   integer primary key default nextval('seq_concerns'),
    received_on          date not null,
    channel              varchar not null check (channel in (
                             'phone', 'email', 'walk_in', 'community_meeting', 'officer', 'online', 'letter')),
    organization_id      integer references organizations (id),
    anonymous            boolean not null default false,
    reporter_name        varchar,
    reporter_contact     varchar,
    category             varchar not null check (category in (
                             'motor_vehicle', 'speeding', 'parking', 'disorderly_group', 'blight', 'noise',
                             'drug_activity', 'graffiti', 'lighting', 'suspicious_activity', 'other')),
    description          varchar not null,
    location             varchar,
    latitude             double check (latitude is null or latitude between -90 and 90),
    longitude            double check (longitude is null or longitude between -180 and 180),
    district_id          integer references districts (id),
    assigned_officer_id  integer references users (id),
    referred_to          varchar check (referred_to is null or referred_to in (
                             'public_works', 'housing_blight', 'traffic_engineering', 'parks', 'schools', 'other')),
    status               varchar not null default 'new' check (status in (
                             'new', 'assigned', 'in_progress', 'referred', 'resolved', 'closed')),
    resolved_on          date,
    response_given       varchar,
    reported_by_id       integer references users (id),
    version              integer   not null default 1,
    created_by           varchar   not null,
    created_at           timestamp not null,
    updated_by           varchar,
    updated_at           timestamp,
    deleted_by           varchar,
    deleted_at           timestamp,
    check (description <> ''),
    check (not anonymous or reporter_name is null),
    check ((status in ('resolved', 'closed')) = (resolved_on is not null)),
    check (resolved_on is null or resolved_on >= received_on)
);

-- 4. the rows back, by column name
insert into main.programs by name select * from programs_0008;
drop table programs_0008;
insert into main.organizations by name select * from organizations_0008;
drop table organizations_0008;
insert into main.participants by name select * from participants_0008;
drop table participants_0008;
insert into main.businesses by name select * from businesses_0008;
drop table businesses_0008;
insert into main.course_cohorts by name select * from course_cohorts_0008;
drop table course_cohorts_0008;
insert into main.events by name select * from events_0008;
drop table events_0008;
insert into main.program_target_districts by name select * from program_target_districts_0008;
drop table program_target_districts_0008;
insert into main.program_target_crime_types by name select * from program_target_crime_types_0008;
drop table program_target_crime_types_0008;
insert into main.program_partners by name select * from program_partners_0008;
drop table program_partners_0008;
insert into main.program_outcome_measures by name select * from program_outcome_measures_0008;
drop table program_outcome_measures_0008;
insert into main.program_goals by name select * from program_goals_0008;
drop table program_goals_0008;
insert into main.program_evaluations by name select * from program_evaluations_0008;
drop table program_evaluations_0008;
insert into main.org_meetings by name select * from org_meetings_0008;
drop table org_meetings_0008;
insert into main.enrolments by name select * from enrolments_0008;
drop table enrolments_0008;
insert into main.event_officers by name select * from event_officers_0008;
drop table event_officers_0008;
insert into main.event_outcomes by name select * from event_outcomes_0008;
drop table event_outcomes_0008;
insert into main.event_partners by name select * from event_partners_0008;
drop table event_partners_0008;
insert into main.roster_attendance by name select * from roster_attendance_0008;
drop table roster_attendance_0008;
insert into main.business_contacts by name select * from business_contacts_0008;
drop table business_contacts_0008;
insert into main.concerns by name select * from concerns_0008;
drop table concerns_0008;

-- 5. An edited event is now updated in place, so nothing asks what refers to it any more.
drop view live.event_references;
