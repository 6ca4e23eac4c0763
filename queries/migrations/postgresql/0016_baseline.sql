-- 0016_baseline (PostgreSQL): the schema of DuckDB's migrations 0001 to 0016, as one file.
--
-- A PostgreSQL database starts here; version 16 means the same tables, columns, views and
-- relations on both engines (queries/schema.sql is the DuckDB side, tests/test_postgres_schema.py
-- compares the two). Later changes come as a pair: queries/migrations/NNNN_name.sql for DuckDB
-- and queries/migrations/postgresql/NNNN_name.sql with the same number (CONTRIBUTING.md,
-- *Change the schema*).
--
-- What differs from DuckDB, on purpose:
--   * the keys DuckDB could not keep stay in the database: the columns users edit that name
--     another row (an event's program and district, a program's lead officer, ...) carry foreign
--     keys, and programs.name, survey_waves.name, course_cohorts (program_id, name) and
--     survey_area_codes (lookup, code) unique constraints (queries/references.py still checks them
--     first, for the message). A soft delete only stamps deleted_at, so a key names a stored row,
--     deleted or not, as the gateway's check does. Also kept here: a sector's or beat's parent
--     district, a password history row's and an identity link's account, a survey answer's
--     district. PostgreSQL, unlike DuckDB, updates a referenced row's other columns freely;
--   * DuckDB's macros are SQL functions with the same names and argument order: ids as bigint
--     and id lists as bigint[] (a bound Python int or list of ints of any size resolves to them),
--     dates as date, a category as varchar; an untyped NULL fits any of them. The table
--     macros are `stable` set-returning functions, which PostgreSQL inlines into the calling
--     query like a view, so the caller's filters still reach the tables' indexes;
--   * function bodies name every relation with its schema: a SQL function's body is resolved
--     with the caller's search_path, and a SET clause would stop the inlining;
--   * double -> double precision; varchar, integer, bigint, boolean, date and timestamp (naive:
--     UTC or the department's time, as on DuckDB) as they are.
--
-- The runner (queries/migrate.py) creates schema main and main.schema_migrations, and runs each
-- file in its own transaction with search_path main, public, as DuckDB's default schema is main.

create schema live;

-- ------------------------------------------------------------------ sequences (ids)

create sequence main.seq_audit start 1;                   -- audit_log.id
create sequence main.seq_business_contacts start 1;       -- business_contacts.id
create sequence main.seq_business_verifications start 1;  -- business_verifications.id
create sequence main.seq_businesses start 1;              -- businesses.id
create sequence main.seq_concern_updates start 1;         -- concern_updates.id
create sequence main.seq_concerns start 1;                -- concerns.id
create sequence main.seq_contact_log start 1;             -- contact_log.id
create sequence main.seq_course_cohorts start 1;          -- course_cohorts.id
create sequence main.seq_districts start 1;               -- districts.id
create sequence main.seq_enrolments start 1;              -- enrolments.id
create sequence main.seq_evaluations start 1;             -- program_evaluations.id
create sequence main.seq_events start 1;                  -- events.id
create sequence main.seq_import_mappings start 1;         -- import_mappings.id
create sequence main.seq_incidents start 1;               -- incidents.id
create sequence main.seq_org_meetings start 1;            -- org_meetings.id
create sequence main.seq_organizations start 1;           -- organizations.id
create sequence main.seq_participants start 1;            -- participants.id
create sequence main.seq_password_history start 1;        -- password_history.id
create sequence main.seq_program_goals start 1;           -- program_goals.id
create sequence main.seq_programs start 1;                -- programs.id
create sequence main.seq_reports start 1;                 -- monthly_reports.id
create sequence main.seq_survey_area_codes start 1;       -- survey_area_codes.id
create sequence main.seq_survey_waves start 1;            -- survey_waves.id
create sequence main.seq_users start 1;                   -- users.id

-- ------------------------------------------------------------------ reference

-- settings: one department setting (name, time zone, response days, ...) by key
create table main.settings (
    key        varchar   primary key,
    value      varchar,
    version    integer   not null default 1,
    created_by varchar   not null,
    created_at timestamp not null,
    updated_by varchar,
    updated_at timestamp,
    deleted_by varchar,
    deleted_at timestamp
);

-- crime_types: one crime type the department counts incidents under (reference data, 0003)
create table main.crime_types (
    code     varchar primary key,
    label    varchar not null,
    category varchar not null check (category in ('violent', 'property', 'drug', 'disorder', 'traffic',
            'other'))
);

-- outcome_measures: one outcome figure an event may record, such as car seats inspected (reference data,
--   0003); at_most names a measure it may not exceed, checked by the code
create table main.outcome_measures (
    code    varchar primary key,
    label   varchar not null,
    unit    varchar not null check (unit in ('count', 'dollars', 'hours')),
    -- a measure that must not exceed another one recorded for the same event (car seats installed incorrectly
    -- <= car seats inspected)
    at_most varchar
);

-- districts: one district, sector or beat; parent_id is the district a sector or beat lies in
create table main.districts (
    id         integer   default nextval('main.seq_districts') primary key,
    code       varchar   not null unique check (code != ''),
    name       varchar   not null,
    kind       varchar   not null default 'district' check (kind in ('district', 'sector', 'beat')),
    parent_id  integer   references main.districts (id),  -- sectors and beats
    population integer   check ((population is null) or (population >= 0)),
    geometry   varchar,  -- GeoJSON geometry (Polygon / MultiPolygon), lon/lat
    version    integer   not null default 1,
    created_by varchar   not null,
    created_at timestamp not null,
    updated_by varchar,
    updated_at timestamp,
    deleted_by varchar,
    deleted_at timestamp
);

-- district_boundaries: the imported boundary (and name, population) of one district; live.districts shows
--   these in place of the district's own
create table main.district_boundaries (
    district_id integer   primary key references main.districts (id),
    geometry    varchar   not null,  -- GeoJSON geometry (Polygon / MultiPolygon), lon/lat
    name        varchar,
    population  integer   check ((population is null) or (population >= 0)),
    source      varchar,
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp
);

-- district_mappings: one district text of incident exports mapped to a district once and for all
create table main.district_mappings (
    district_text varchar   primary key,
    district_id   integer   not null references main.districts (id),
    version       integer   not null default 1,
    created_by    varchar   not null,
    created_at    timestamp not null,
    updated_by    varchar,
    updated_at    timestamp,
    deleted_by    varchar,
    deleted_at    timestamp
);

-- ------------------------------------------------------------------ people and sign-in

-- users: one account: an officer, a crime-prevention officer, command staff or an administrator
create table main.users (
    id                   integer   default nextval('main.seq_users') primary key,
    username             varchar   not null unique check ((username = lower(username)) and (length(username) between 2 and 64)),
    display_name         varchar   not null,
    role                 varchar   not null check ("role" in ('admin', 'command', 'prevention', 'officer')),
    badge_number         varchar,
    email                varchar,
    password_hash        varchar   not null,  -- bcrypt
    must_change_password boolean   not null default false,
    active               boolean   not null default true,
    version              integer   not null default 1,
    created_by           varchar   not null,
    created_at           timestamp not null,
    updated_by           varchar,
    updated_at           timestamp,
    deleted_by           varchar,
    deleted_at           timestamp,
    password_changed_at  timestamp
);

-- user_districts: one district assigned to an account (what an officer may see and edit)
create table main.user_districts (
    user_id     integer not null references main.users (id),
    district_id integer not null references main.districts (id),
    primary key (user_id, district_id)
);

-- password_history: one earlier password hash of an account (the newest four are kept)
create table main.password_history (
    id            bigint    default nextval('main.seq_password_history') primary key,
    user_id       integer   not null references main.users (id),
    password_hash varchar   not null,
    replaced_at   timestamp not null
);
create index password_history_user on main.password_history (user_id);

-- auth_sessions: one sign-in session, identified by the username and the expiry in its cookie
create table main.auth_sessions (
    username     varchar   not null,
    token_exp    double precision not null,                     -- the `exp_date` inside the signed cookie
    started_at   timestamp not null,
    last_seen_at timestamp not null,
    ended_at     timestamp,
    end_reason   varchar   check ((end_reason is null) or (end_reason in ('sign_out', 'idle', 'disabled',
            'password_change', 'restore'))),
    way_in       varchar   not null default 'password',  -- 'password' or 'provider'
    primary key (username, token_exp)
);

-- identity_links: one person at the identity provider (issuer and subject) linked to one account
create table main.identity_links (
    issuer            varchar   not null,  -- the provider's `iss`
    subject           varchar   not null,  -- the person's `sub` at that provider (never reassigned)
    user_id           integer   not null references main.users (id),  -- the account this identity signs in as
    email             varchar,             -- the verified e-mail address the first link was made by
    linked_at         timestamp not null,
    -- the last sign-in took role and districts from the groups claim
    roles_from_groups boolean   not null default false,
    primary key (issuer, subject)
);
create index identity_links_user on main.identity_links (user_id);

-- identity_sessions: one ID token from the identity provider and the sign-in session it started
create table main.identity_sessions (
    token_key  varchar   primary key,  -- SHA-256 of the ID token's issuer, subject, nonce and issue time
    username   varchar   not null,     -- with token_exp: the auth_sessions row this ID token started
    token_exp  double precision not null,
    started_at timestamp not null
);

-- login_failures: one failed sign-in attempt for a username as typed
create table main.login_failures (
    username varchar   not null,
    at_utc   timestamp not null
);

-- login_locks: one lock on a username as typed, after repeated failures
create table main.login_locks (
    username     varchar   primary key,
    locked_at    timestamp not null,
    locked_until timestamp not null,
    unlocked_at  timestamp,
    unlocked_by  varchar
);

-- ------------------------------------------------------------------ organizations

-- organizations: one community organization: block watch, tenant group, school, business association, faith,
--   civic, media, city department, ...
create table main.organizations (
    id                        integer   default nextval('main.seq_organizations') primary key,
    name                      varchar   not null check ("name" != ''),
    org_type                  varchar   not null check (org_type in ('block_watch', 'business_watch',
            'tenant_group', 'school', 'business_association', 'faith', 'civic', 'media', 'city_department',
            'other')),
    district_id               integer   references main.districts (id),
    address                   varchar,
    contact_name              varchar,
    contact_phone             varchar,  -- E.164
    contact_email             varchar,
    liaison_officer_id        integer   references main.users (id),
    meeting_schedule          varchar,
    established_by_department boolean   not null default false,
    active                    boolean   not null default true,
    founded_on                date,
    notes                     varchar,
    version                   integer   not null default 1,
    created_by                varchar   not null,
    created_at                timestamp not null,
    updated_by                varchar,
    updated_at                timestamp,
    deleted_by                varchar,
    deleted_at                timestamp
);

-- org_meetings: one meeting of an organization that an officer attended
create table main.org_meetings (
    id              integer   default nextval('main.seq_org_meetings') primary key,
    organization_id integer   not null references main.organizations (id),
    met_on          date      not null,
    officer_id      integer   references main.users (id),
    attendance      integer   check ((attendance is null) or (attendance >= 0)),
    topics          varchar,
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp
);

-- ------------------------------------------------------------------ programs

-- programs: one crime-prevention program (Citizens' Police Academy, car-seat checks, ...)
create table main.programs (
    id              integer   default nextval('main.seq_programs') primary key,
    name            varchar   not null unique check ("name" != ''),
    category        varchar   not null check (category in ('youth', 'schools', 'traffic_safety',
            'neighborhood_watch', 'business', 'seniors', 'education', 'tip_line', 'health', 'outreach',
            'fundraising', 'other')),
    description     varchar,
    delivery_kind   varchar   not null check (delivery_kind in ('one_off', 'recurring', 'course',
            'continuous')),
    lead_officer_id integer   references main.users (id),
    start_date      date,
    end_date        date,
    status          varchar   not null default 'active' check (status in ('planned', 'active', 'paused',
            'ended', 'archived')),
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp,
    check ((end_date is null) or (start_date is null) or (end_date >= start_date))
);

-- program_target_districts: one district a program targets
create table main.program_target_districts (
    program_id  integer not null references main.programs (id),
    district_id integer not null references main.districts (id),
    primary key (program_id, district_id)
);

-- program_target_crime_types: one crime type a program targets
create table main.program_target_crime_types (
    program_id      integer not null references main.programs (id),
    crime_type_code varchar not null references main.crime_types (code),
    primary key (program_id, crime_type_code)
);

-- program_partners: one partner organization of a program
create table main.program_partners (
    program_id      integer not null references main.programs (id),
    organization_id integer not null references main.organizations (id),
    primary key (program_id, organization_id)
);

-- program_outcome_measures: one outcome figure that the events of a program record
create table main.program_outcome_measures (
    program_id   integer not null references main.programs (id),
    measure_code varchar not null references main.outcome_measures (code),
    primary key (program_id, measure_code)
);

-- program_goals: one goal of a program: a measure and a target per month, year or cohort
create table main.program_goals (
    id           integer   default nextval('main.seq_program_goals') primary key,
    program_id   integer   not null references main.programs (id),
    -- 'events', 'attendance', 'participants', 'completions' or an outcome measure code
    measure      varchar   not null,
    target_value double precision not null check (target_value >= 0),
    per_period   varchar   not null default 'year' check (per_period in ('month', 'year', 'cohort')),
    description  varchar,
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp
);

-- program_evaluations: one annual evaluation of a program (draft or submitted)
create table main.program_evaluations (
    id             integer   default nextval('main.seq_evaluations') primary key,
    program_id     integer   not null references main.programs (id),
    year           integer   not null check ("year" between 2000 and 2100),
    figures_json   varchar,  -- assembled figures as evaluated
    assessment     varchar,
    recommendation varchar   check ((recommendation is null) or (recommendation in ('continue', 'change',
            'stop'))),
    status         varchar   not null default 'draft' check (status in ('draft', 'submitted')),
    submitted_by   varchar,
    submitted_at   timestamp,
    version        integer   not null default 1,
    created_by     varchar   not null,
    created_at     timestamp not null,
    updated_by     varchar,
    updated_at     timestamp,
    deleted_by     varchar,
    deleted_at     timestamp,
    unique (program_id, year)
);

-- ------------------------------------------------------------------ events and courses

-- course_cohorts: one class of a course program (a Citizens' Police Academy class); its sessions are events
create table main.course_cohorts (
    id         integer   default nextval('main.seq_course_cohorts') primary key,
    program_id integer   not null references main.programs (id),
    name       varchar   not null,
    start_date date      not null,
    end_date   date      not null,
    capacity   integer   check ((capacity is null) or (capacity > 0)),
    version    integer   not null default 1,
    created_by varchar   not null,
    created_at timestamp not null,
    updated_by varchar,
    updated_at timestamp,
    deleted_by varchar,
    deleted_at timestamp,
    unique (program_id, name),
    check (end_date >= start_date)
);

-- events: one delivery of a program: when, where, district and headcount by audience
create table main.events (
    id                  integer   default nextval('main.seq_events') primary key,
    program_id          integer   not null references main.programs (id),
    cohort_id           integer   references main.course_cohorts (id),
    session_number      integer   check ((session_number is null) or (session_number > 0)),
    title               varchar,
    starts_at           timestamp not null,
    ends_at             timestamp not null,
    location            varchar,
    address             varchar,
    latitude            double precision check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double precision check ((longitude is null) or (longitude between -180 and 180)),
    district_id         integer   references main.districts (id),
    headcount_youth     integer   not null default 0 check (headcount_youth >= 0),
    headcount_adult     integer   not null default 0 check (headcount_adult >= 0),
    headcount_senior    integer   not null default 0 check (headcount_senior >= 0),
    headcount_business  integer   not null default 0 check (headcount_business >= 0),
    feedback_responses  integer   check ((feedback_responses is null) or (feedback_responses >= 0)),
    feedback_avg_rating double precision check ((feedback_avg_rating is null) or (feedback_avg_rating between 1 and 5)),
    non_enforcement     boolean   not null default true,
    notes               varchar,
    version             integer   not null default 1,
    created_by          varchar   not null,
    created_at          timestamp not null,
    updated_by          varchar,
    updated_at          timestamp,
    deleted_by          varchar,
    deleted_at          timestamp,
    check (ends_at >= starts_at),
    check (((feedback_responses is null) or (feedback_responses = 0)) = (feedback_avg_rating is null))
);

-- event_officers: one officer who worked an event, with their hours
create table main.event_officers (
    event_id integer not null references main.events (id),
    user_id  integer not null references main.users (id),
    hours    double precision not null check (("hours" >= 0) and ("hours" <= 24)),
    primary key (event_id, user_id)
);

-- event_outcomes: one outcome figure recorded for an event (car seats inspected, tips received, ...)
create table main.event_outcomes (
    event_id     integer not null references main.events (id),
    measure_code varchar not null references main.outcome_measures (code),
    value        double precision not null check ("value" >= 0),
    primary key (event_id, measure_code)
);

-- event_partners: one partner organization at an event
create table main.event_partners (
    event_id        integer not null references main.events (id),
    organization_id integer not null references main.organizations (id),
    primary key (event_id, organization_id)
);

-- participants: one person who enrols in courses
create table main.participants (
    id          integer   default nextval('main.seq_participants') primary key,
    first_name  varchar   not null,
    last_name   varchar   not null,
    email       varchar,
    phone       varchar,  -- E.164
    district_id integer   references main.districts (id),
    birth_year  integer   check ((birth_year is null) or (birth_year between 1900 and 2100)),
    notes       varchar,
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp
);

-- enrolments: one participant enrolled in one cohort, with completion
create table main.enrolments (
    id             integer   default nextval('main.seq_enrolments') primary key,
    cohort_id      integer   not null references main.course_cohorts (id),
    participant_id integer   not null references main.participants (id),
    enrolled_on    date      not null,
    ride_along_on  date,
    completed      boolean   not null default false,
    completed_on   date,
    status         varchar   not null default 'enrolled' check (status in ('enrolled', 'withdrawn',
            'completed')),
    version        integer   not null default 1,
    created_by     varchar   not null,
    created_at     timestamp not null,
    updated_by     varchar,
    updated_at     timestamp,
    deleted_by     varchar,
    deleted_at     timestamp,
    unique (cohort_id, participant_id),
    check (completed = (status = 'completed')),
    check ((completed_on is null) or completed)
);

-- roster_attendance: whether one enrolled participant was present at one session (event)
create table main.roster_attendance (
    event_id     integer   not null references main.events (id),
    enrolment_id integer   not null references main.enrolments (id),
    present      boolean   not null,
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp,
    primary key (event_id, enrolment_id)
);

-- ------------------------------------------------------------------ businesses and patrol contacts

-- businesses: one business on the patrol officers' contact list
create table main.businesses (
    id                integer   default nextval('main.seq_businesses') primary key,
    name              varchar   not null check ("name" != ''),
    dba               varchar,
    address           varchar   not null check (address != ''),
    category          varchar,
    main_phone        varchar,  -- E.164
    district_id       integer   references main.districts (id),
    latitude          double precision check ((latitude is null) or (latitude between -90 and 90)),
    longitude         double precision check ((longitude is null) or (longitude between -180 and 180)),
    -- a located business whose point lies in no district is kept and flagged
    outside_districts boolean   not null default false,
    notes             varchar,
    last_verified_on  date,
    last_verified_by  varchar,
    version           integer   not null default 1,
    created_by        varchar   not null,
    created_at        timestamp not null,
    updated_by        varchar,
    updated_at        timestamp,
    deleted_by        varchar,
    deleted_at        timestamp
);

-- business_contacts: one contact person of a business (owner, manager, after-hours keyholder, ...)
create table main.business_contacts (
    id          integer   default nextval('main.seq_business_contacts') primary key,
    business_id integer   not null references main.businesses (id),
    name        varchar   not null check ("name" != ''),
    role        varchar   not null check ("role" in ('owner', 'manager', 'keyholder', 'employee', 'security',
            'other')),
    phone       varchar,                           -- E.164
    alt_phone   varchar,
    email       varchar,
    after_hours boolean   not null default false,  -- may be called out after hours (keyholder)
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp
);

-- business_verifications: one check of a business's contact details (the latest is also in
--   businesses.last_verified_on)
create table main.business_verifications (
    id          integer   default nextval('main.seq_business_verifications') primary key,
    business_id integer   not null references main.businesses (id),  -- never changes after insert
    verified_on date      not null,
    verified_by varchar,
    created_by  varchar   not null,
    created_at  timestamp not null
);
create index business_verifications_business on main.business_verifications (business_id);

-- contact_log: one entry of an officer's contact log: a shift's community contacts of one kind
create table main.contact_log (
    id              integer   default nextval('main.seq_contact_log') primary key,
    officer_id      integer   not null references main.users (id),
    contact_date    date      not null,
    shift           varchar   not null check (shift in ('day', 'evening', 'night')),
    district_id     integer   not null references main.districts (id),
    kind            varchar   not null check (kind in ('business_check', 'resident', 'youth', 'school',
            'community_meeting', 'park_and_walk', 'faith', 'senior', 'other')),
    contact_count   integer   not null default 1 check (contact_count between 1 and 500),
    location        varchar,
    non_enforcement boolean   not null default true,
    notes           varchar,
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp
);

-- ------------------------------------------------------------------ surveys

-- survey_waves: one wave of a resident survey: its name, fieldwork dates and the file it came from
create table main.survey_waves (
    id              integer   default nextval('main.seq_survey_waves') primary key,
    name            varchar   not null unique check ("name" != ''),
    fieldwork_start date      not null,
    fieldwork_end   date      not null,
    source_file     varchar,                                  -- the file the answers came from
    respondents     integer   not null default 0 check (respondents >= 0),
    weighted        boolean   not null default false,         -- the file had a weight column
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp,
    check (fieldwork_end >= fieldwork_start)
);

-- survey_answers: one answer of one respondent to one question a survey measure reads (don't-know and missing
--   answers are not kept)
create table main.survey_answers (
    wave_id     integer not null references main.survey_waves (id),
    respondent  integer not null,  -- the respondent's line in the file, not their identifier
    district_id integer references main.districts (id),  -- null: the respondent's area names no district
    weight      double precision not null default 1 check (weight > 0),
    -- what the question measures (core/surveys/measures.py says each in words)
    measure     varchar not null check (measure in ('safe_neighbourhood', 'safe_day', 'safe_night',
            'trust_police', 'satisfied_police', 'problem', 'police_contact', 'victim')),
    -- for 'problem': the crime type (crime_types.code) or concern category it asks about
    subject     varchar,
    answer      double precision not null,  -- the answer on the question's declared scale
    -- the answer is one the measure's headline share counts: feels safe, trusts, is satisfied, rates the
    -- problem serious, or yes (contact, victim); a reversed scale is turned round first
    top_answer  boolean not null,
    check ((measure = 'problem') = (subject is not null))
);

-- survey_comments: one free-text answer of one respondent (read by the crime-prevention officer and
--   administrators only)
create table main.survey_comments (
    wave_id    integer not null references main.survey_waves (id),
    respondent integer not null,
    question   varchar not null,  -- the file's column
    answer     varchar not null,
    primary key (wave_id, respondent, question)
);

-- survey_area_codes: one code of a survey's area column (a ZIP, a council ward) mapped to a district
create table main.survey_area_codes (
    id          integer   default nextval('main.seq_survey_area_codes') primary key,
    -- what the codes are: 'ZIP', 'Council district'
    lookup      varchar   not null check (lookup != ''),
    code        varchar   not null check (code != ''),
    district_id integer   not null references main.districts (id),
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp,
    unique (lookup, code)
);

-- ------------------------------------------------------------------ concerns

-- concerns: one community concern: what was raised, by whom, where, and the department's response
create table main.concerns (
    id                  integer   default nextval('main.seq_concerns') primary key,
    received_on         date      not null,
    channel             varchar   not null check (channel in ('phone', 'email', 'walk_in', 'community_meeting',
            'officer', 'online', 'letter')),
    organization_id     integer   references main.organizations (id),
    anonymous           boolean   not null default false,
    reporter_name       varchar,
    reporter_contact    varchar,
    category            varchar   not null check (category in ('motor_vehicle', 'speeding', 'parking',
            'disorderly_group', 'blight', 'noise', 'drug_activity', 'graffiti', 'lighting',
            'suspicious_activity', 'other')),
    description         varchar   not null check (description != ''),
    location            varchar,
    latitude            double precision check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double precision check ((longitude is null) or (longitude between -180 and 180)),
    district_id         integer   references main.districts (id),
    assigned_officer_id integer   references main.users (id),
    referred_to         varchar   check ((referred_to is null) or (referred_to in ('public_works',
            'housing_blight', 'traffic_engineering', 'parks', 'schools', 'other'))),
    status              varchar   not null default 'new' check (status in ('new', 'assigned', 'in_progress',
            'referred', 'resolved', 'closed')),
    resolved_on         date,
    response_given      varchar,
    reported_by_id      integer   references main.users (id),
    version             integer   not null default 1,
    created_by          varchar   not null,
    created_at          timestamp not null,
    updated_by          varchar,
    updated_at          timestamp,
    deleted_by          varchar,
    deleted_at          timestamp,
    check ((not anonymous) or (reporter_name is null)),
    check ((status in ('resolved', 'closed')) = (resolved_on is not null)),
    check ((resolved_on is null) or (resolved_on >= received_on))
);

-- concern_updates: one line of a concern's history (status change, assignment, referral or note); append-only
create table main.concern_updates (
    id         integer   default nextval('main.seq_concern_updates') primary key,
    concern_id integer   not null references main.concerns (id),
    at_utc     timestamp not null,
    by_user    varchar   not null,
    status     varchar,
    note       varchar   not null
);
create index concern_updates_concern on main.concern_updates (concern_id);

-- ------------------------------------------------------------------ crime data

-- incidents: one imported crime incident; re-importing its incident number updates it
create table main.incidents (
    id                  integer   default nextval('main.seq_incidents') primary key,
    incident_number     varchar   not null unique,
    occurred_at         timestamp not null,
    offense             varchar,
    offense_description varchar,
    crime_type_code     varchar   references main.crime_types (code),
    district_id         integer   references main.districts (id),
    source_district     varchar,
    address             varchar,
    latitude            double precision check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double precision check ((longitude is null) or (longitude between -180 and 180)),
    import_batch        varchar,
    imported_at         timestamp not null
);

-- offense_mappings: one offense text of incident exports mapped to a crime type
create table main.offense_mappings (
    offense_description varchar   primary key,  -- upper-cased source text
    crime_type_code     varchar   not null references main.crime_types (code),
    version             integer   not null default 1,
    created_by          varchar   not null,
    created_at          timestamp not null,
    updated_by          varchar,
    updated_at          timestamp,
    deleted_by          varchar,
    deleted_at          timestamp
);

-- import_mappings: one saved column mapping of an import file to an importer's fields
create table main.import_mappings (
    id           integer   default nextval('main.seq_import_mappings') primary key,
    -- importer name: programs, events, participants, ...
    kind         varchar   not null check (kind != ''),
    name         varchar   not null check ("name" != ''),
    mapping_json varchar   not null,  -- {"field": "column", ...}
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp
);

-- ------------------------------------------------------------------ reports

-- monthly_reports: the report of one period: draft narrative, or the frozen snapshot once submitted
create table main.monthly_reports (
    id              integer   default nextval('main.seq_reports') primary key,
    period_start    date      not null,
    period_end      date      not null,
    period_label    varchar   not null,
    status          varchar   not null default 'draft' check (status in ('draft', 'submitted')),
    highlights      varchar,
    media           varchar,
    training        varchar,
    recruiting      varchar,
    upcoming        varchar,
    recommendations varchar,
    snapshot_json   varchar,  -- frozen figures and narrative at submission
    submitted_by    varchar,
    submitted_at    timestamp,
    version         integer   not null default 1,
    created_by      varchar   not null,
    created_at      timestamp not null,
    updated_by      varchar,
    updated_at      timestamp,
    deleted_by      varchar,
    deleted_at      timestamp,
    unique (period_start, period_end),
    check (period_end >= period_start),
    check ((status = 'submitted') = (snapshot_json is not null))
);

-- report_acknowledgements: one reader's acknowledgement of a submitted report
create table main.report_acknowledgements (
    report_id       integer   not null references main.monthly_reports (id),
    user_id         integer   not null references main.users (id),
    acknowledged_at timestamp not null,
    primary key (report_id, user_id)
);

-- ------------------------------------------------------------------ bookkeeping

-- audit_log: one audited action: who, when, with which role, on which record, before and after
create table main.audit_log (
    id         bigint    default nextval('main.seq_audit') primary key,
    at_utc     timestamp not null,
    username   varchar   not null,
    role       varchar   not null,
    action     varchar   not null check ("action" in ('create', 'update', 'delete', 'restore', 'import',
            'sign_in', 'sign_in_failed', 'lockout', 'unlock', 'sign_out', 'permission_change',
            'password_change', 'denied', 'submit', 'reopen', 'acknowledge', 'backup', 'restore_backup',
            'download')),
    table_name varchar,
    record_id  varchar,
    before     varchar,  -- JSON of the row before, null for create
    after      varchar,  -- JSON of the row after, null for delete
    detail     varchar,
    way_in     varchar   -- sign-ins, sign-outs and refusals: 'password' or 'provider'
);


-- ------------------------------------------------------------------ reference data (0003)

-- The department's crime types and the outcome figures programs record, as migration 0003 wrote them.

insert into main.crime_types (code, label, category) values
    ('homicide',          'Homicide',                        'violent'),
    ('robbery',           'Robbery',                         'violent'),
    ('aggravated_assault','Aggravated assault',              'violent'),
    ('simple_assault',    'Simple assault',                  'violent'),
    ('burglary',          'Burglary / breaking and entering','property'),
    ('larceny',           'Larceny / theft',                 'property'),
    ('theft_from_vehicle','Theft from motor vehicle',        'property'),
    ('vehicle_theft',     'Motor vehicle theft',             'property'),
    ('shoplifting',       'Shoplifting',                     'property'),
    ('fraud',             'Fraud / scams',                   'property'),
    ('vandalism',         'Vandalism / graffiti',            'property'),
    ('drug',              'Drug violations',                 'drug'),
    ('disorderly',        'Disorderly conduct',              'disorder'),
    ('trespass',          'Trespassing',                     'disorder'),
    ('traffic',           'Motor vehicle / traffic',         'traffic'),
    ('other',             'Other',                           'other');

insert into main.outcome_measures (code, label, unit, at_most) values
    ('car_seats_inspected',   'Car seats inspected',            'count',   null),
    ('tips_received',         'Tips received',                  'count',   null),
    ('rewards_paid',          'Rewards paid',                   'dollars', null),
    ('funds_raised',          'Funds raised',                   'dollars', null),
    ('helmets_given',         'Helmets given out',              'count',   null),
    ('bikes_registered',      'Bicycles registered',            'count',   null),
    ('homes_surveyed',        'Home security surveys',          'count',   null),
    ('medications_collected', 'Medication collected (lbs)',     'count',   null),
    ('arrests_from_tips',     'Arrests resulting from tips',    'count',   null);

insert into main.outcome_measures (code, label, unit, at_most) values
    ('car_seats_incorrect',   'Car seats installed incorrectly','count',   'car_seats_inspected');

-- ------------------------------------------------------------------ views

-- live.<table>: the rows of a table that are not soft-deleted (every row of a table without
-- soft delete). Named queries read these, never main.*. PostgreSQL expands `*` when the view is
-- made: a later migration that adds a column makes the view again (create or replace view).
create view live.auth_sessions as select * from main.auth_sessions;
create view live.business_contacts as select * from main.business_contacts where deleted_at is null;
create view live.business_verifications as select * from main.business_verifications;
create view live.businesses as select * from main.businesses where deleted_at is null;
create view live.concern_updates as select * from main.concern_updates;
create view live.concerns as select * from main.concerns where deleted_at is null;
create view live.contact_log as select * from main.contact_log where deleted_at is null;
create view live.course_cohorts as select * from main.course_cohorts where deleted_at is null;
create view live.crime_types as select * from main.crime_types;
create view live.district_boundaries as select * from main.district_boundaries where deleted_at is null;
create view live.district_mappings as select * from main.district_mappings where deleted_at is null;
create view live.enrolments as select * from main.enrolments where deleted_at is null;
create view live.event_officers as select * from main.event_officers;
create view live.event_outcomes as select * from main.event_outcomes;
create view live.event_partners as select * from main.event_partners;
create view live.events as select * from main.events where deleted_at is null;
create view live.import_mappings as select * from main.import_mappings where deleted_at is null;
create view live.incidents as select * from main.incidents;
create view live.login_failures as select * from main.login_failures;
create view live.login_locks as select * from main.login_locks;
create view live.monthly_reports as select * from main.monthly_reports where deleted_at is null;
create view live.offense_mappings as select * from main.offense_mappings where deleted_at is null;
create view live.org_meetings as select * from main.org_meetings where deleted_at is null;
create view live.organizations as select * from main.organizations where deleted_at is null;
create view live.outcome_measures as select * from main.outcome_measures;
create view live.participants as select * from main.participants where deleted_at is null;
create view live.program_evaluations as select * from main.program_evaluations where deleted_at is null;
create view live.program_goals as select * from main.program_goals where deleted_at is null;
create view live.program_outcome_measures as select * from main.program_outcome_measures;
create view live.program_partners as select * from main.program_partners;
create view live.program_target_crime_types as select * from main.program_target_crime_types;
create view live.program_target_districts as select * from main.program_target_districts;
create view live.programs as select * from main.programs where deleted_at is null;
create view live.report_acknowledgements as select * from main.report_acknowledgements;
create view live.roster_attendance as select * from main.roster_attendance where deleted_at is null;
create view live.settings as select * from main.settings where deleted_at is null;
create view live.survey_area_codes as select * from main.survey_area_codes where deleted_at is null;
create view live.survey_waves as select * from main.survey_waves where deleted_at is null;
create view live.user_districts as select * from main.user_districts;
create view live.users as select * from main.users where deleted_at is null;

-- Records may name a beat or a sector (an incident's district column, an event's place); maps and the
--   targeting analysis count them under their district. Up to two levels (district > sector > beat).
create view live.district_rollup as
    select d.id as district_id, coalesce(gp.id, p.id, d.id) as top_district_id
    from main.districts as d
        left join main.districts as p on p.id = d.parent_id
        left join main.districts as gp on gp.id = p.parent_id
    where d.deleted_at is null;

-- The districts that are not deleted, each with its imported boundary's name, population and geometry
--   (district_boundaries) in place of its own.
create view live.districts as
    select d.id, d.code, coalesce(b.name, d.name) as name, d.kind, d.parent_id,
           coalesce(b.population, d.population) as population, coalesce(b.geometry, d.geometry) as geometry,
           d.version, d.created_by, d.created_at, d.updated_by, d.updated_at, d.deleted_by, d.deleted_at
    from main.districts as d
        left join main.district_boundaries as b on b.district_id = d.id and b.deleted_at is null
    where d.deleted_at is null;

-- Every enrolment's cohort and participant, deleted or not: the pair is unique across deleted rows too.
create view live.enrolment_pairs as
    select id, cohort_id, participant_id, deleted_at
    from main.enrolments;

-- Views over rows that live.* hides but some checks must see. Deleted events, for the administrator's restore
--   list.
create view live.events_deleted as
    select *
    from main.events
    where deleted_at is not null;

create view live.identity_links as
    select issuer, subject, user_id, email, linked_at, roles_from_groups
    from main.identity_links;

create view live.identity_sessions as
    select token_key, username, token_exp, started_at
    from main.identity_sessions;

-- Every earlier password hash (only inserted and pruned, never soft-deleted).
create view live.password_history as
    select id, user_id, password_hash, replaced_at
    from main.password_history;

-- Program names and enrolment pairs are unique across deleted rows too.
create view live.program_names as
    select id, name, deleted_at
    from main.programs;

-- The answers and comments of the waves that are not deleted.
create view live.survey_answers as
    select a.*
    from main.survey_answers as a
        inner join live.survey_waves as w on w.id = a.wave_id;

create view live.survey_comments as
    select c.*
    from main.survey_comments as c
        inner join live.survey_waves as w on w.id = c.wave_id;

-- ------------------------------------------------------------------ functions (DuckDB's macros)

-- The reader's scope, for one district id (null: a record of no single district). As DuckDB's
--   list_contains: null when the list or the id is null, and a null in the list matches nothing.
create function live.in_scope(all_districts boolean, districts bigint[], of_district bigint)
    returns boolean
    language sql immutable
    as $$ select all_districts or of_district = any(array_remove(districts, null)) $$;

-- Each business's latest verification on or before a day; the figures of a period count from it.
create function live.business_last_checks(as_of date)
    returns table (business_id integer, verified_on date)
    language sql stable
    as $$
    select business_id, max(verified_on) as verified_on
    from main.business_verifications
    where verified_on <= as_of
    group by business_id
    $$;

-- Program events per top-level district (a beat's events count in its district) that start on a day of the
--   period, of one program (null: all), whatever the reader's scope (the map and the targeting screens keep
--   their districts): events and attendance.
create function live.events_by_top_district(period_start date, period_end date, only_program bigint)
    returns table (district_id integer, events bigint, attendance bigint)
    language sql stable
    as $$
    select r.top_district_id as district_id, count(*) as events,
           cast(sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business)
                as bigint) as attendance
    from live.events as e
        inner join live.district_rollup as r on r.district_id = e.district_id
    where e.starts_at >= period_start
      and e.starts_at < period_end + 1
      and (only_program is null or e.program_id = only_program)
    group by r.top_district_id
    $$;

-- Businesses on the list in the reader's scope and the chosen district, each with its latest verification on
--   or before as_of (last_verified_on, null when never verified by then).
create function live.scoped_businesses(all_districts boolean, districts bigint[], only_district bigint,
                                       as_of date)
    returns setof live.businesses
    language sql stable
    as $$
    select b.id, b.name, b.dba, b.address, b.category, b.main_phone, b.district_id, b.latitude, b.longitude,
           b.outside_districts, b.notes, l.verified_on as last_verified_on, b.last_verified_by, b.version,
           b.created_by, b.created_at, b.updated_by, b.updated_at, b.deleted_by, b.deleted_at
    from live.businesses as b
        left join live.business_last_checks(as_of) as l on l.business_id = b.id
    where live.in_scope(all_districts, districts, b.district_id)
      and (only_district is null or b.district_id = only_district)
    $$;

-- Course cohorts with a session held in the reader's scope and the chosen district (null: all): a cohort's
--   completions and its end belong to the districts where its sessions were held.
create function live.scoped_cohorts(all_districts boolean, districts bigint[], only_district bigint)
    returns setof live.course_cohorts
    language sql stable
    as $$
    select c.*
    from live.course_cohorts as c
    where exists (select 1
                  from live.events as e
                  where e.cohort_id = c.id
                    and live.in_scope(all_districts, districts, e.district_id)
                    and (only_district is null or e.district_id = only_district))
    $$;

-- Community concerns (any date) in the reader's scope and the chosen district.
create function live.scoped_concerns(all_districts boolean, districts bigint[], only_district bigint)
    returns setof live.concerns
    language sql stable
    as $$
    select c.*
    from live.concerns as c
    where live.in_scope(all_districts, districts, c.district_id)
      and (only_district is null or c.district_id = only_district)
    $$;

-- Contact-log entries dated in the period, in the reader's scope and the chosen district.
create function live.scoped_contacts(all_districts boolean, districts bigint[], period_start date,
                                     period_end date, only_district bigint)
    returns setof live.contact_log
    language sql stable
    as $$
    select c.*
    from live.contact_log as c
    where c.contact_date between period_start and period_end
      and live.in_scope(all_districts, districts, c.district_id)
      and (only_district is null or c.district_id = only_district)
    $$;

-- Program events that start on a day of the period, in the reader's scope, narrowed by district, program
--   category and program (null: all); with the program's category.
create function live.scoped_events(all_districts boolean, districts bigint[], period_start date,
                                   period_end date, only_district bigint, only_category varchar,
                                   only_program bigint)
    returns table (id integer, program_id integer, cohort_id integer, session_number integer, title varchar,
                   starts_at timestamp, ends_at timestamp, location varchar, address varchar,
                   latitude double precision, longitude double precision, district_id integer,
                   headcount_youth integer, headcount_adult integer, headcount_senior integer,
                   headcount_business integer, feedback_responses integer,
                   feedback_avg_rating double precision, non_enforcement boolean, notes varchar,
                   version integer, created_by varchar, created_at timestamp, updated_by varchar,
                   updated_at timestamp, deleted_by varchar, deleted_at timestamp, category varchar)
    language sql stable
    as $$
    select e.*, p.category
    from live.events as e
        inner join live.programs as p on p.id = e.program_id
    where e.starts_at >= period_start          -- the day of starts_at in the period, as a range
      and e.starts_at < period_end + 1           -- the starts_at index can serve
      and live.in_scope(all_districts, districts, e.district_id)
      and (only_district is null or e.district_id = only_district)
      and (only_category is null or p.category = only_category)
      and (only_program is null or e.program_id = only_program)
    $$;

-- Community organizations in the reader's scope and the chosen district.
create function live.scoped_organizations(all_districts boolean, districts bigint[], only_district bigint)
    returns setof live.organizations
    language sql stable
    as $$
    select o.*
    from live.organizations as o
    where live.in_scope(all_districts, districts, o.district_id)
      and (only_district is null or o.district_id = only_district)
    $$;
