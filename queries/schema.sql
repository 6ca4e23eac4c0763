-- The current schema of the Community Relations Dashboard's database.
--
-- Written by `.venv/bin/python scripts/schema.py` from a database migrated up to
-- 0018_server_indexes. Do not edit it by hand: add a migration under queries/migrations/ and
-- run that command again (tests/test_schema_file.py fails while this file is out of date).
-- The migrations are the history of how the schema got here; this file is where it is now.
--
-- How to read it:
--   * tables live in the `main` schema and are written by the unit of work (queries/unit_of_work.py);
--     named queries (queries/sql) read the `live` schema: live.<table> is the table without its
--     soft-deleted rows (deleted_at is null), so no query can forget that filter;
--   * an editable table carries version (optimistic concurrency: an update names the version it
--     read), created_by/at, updated_by/at and deleted_by/at (a delete only stamps deleted_at);
--   * times are naive timestamps: audit and bookkeeping times in UTC, event and incident times in
--     the department's time zone (a setting); date columns are the department's dates;
--   * a column users edit carries no foreign or unique key (DuckDB cannot update an indexed column
--     of a row another table references): where a column note says "checked by the gateway",
--     queries/references.py checks it on every write;
--   * each table starts with a line saying what one row is; column notes come from the migrations.

create schema live;

-- ------------------------------------------------------------------ sequences (ids)

create sequence seq_audit start 1;                   -- audit_log.id
create sequence seq_business_contacts start 1;       -- business_contacts.id
create sequence seq_business_verifications start 1;  -- business_verifications.id
create sequence seq_businesses start 1;              -- businesses.id
create sequence seq_concern_updates start 1;         -- concern_updates.id
create sequence seq_concerns start 1;                -- concerns.id
create sequence seq_contact_log start 1;             -- contact_log.id
create sequence seq_course_cohorts start 1;          -- course_cohorts.id
create sequence seq_districts start 1;               -- districts.id
create sequence seq_enrolments start 1;              -- enrolments.id
create sequence seq_evaluations start 1;             -- program_evaluations.id
create sequence seq_events start 1;                  -- events.id
create sequence seq_import_mappings start 1;         -- import_mappings.id
create sequence seq_incidents start 1;               -- incidents.id
create sequence seq_org_meetings start 1;            -- org_meetings.id
create sequence seq_organizations start 1;           -- organizations.id
create sequence seq_participants start 1;            -- participants.id
create sequence seq_password_history start 1;        -- password_history.id
create sequence seq_program_goals start 1;           -- program_goals.id
create sequence seq_programs start 1;                -- programs.id
create sequence seq_reports start 1;                 -- monthly_reports.id
create sequence seq_survey_area_codes start 1;       -- survey_area_codes.id
create sequence seq_survey_waves start 1;            -- survey_waves.id
create sequence seq_users start 1;                   -- users.id

-- ------------------------------------------------------------------ reference

-- settings: one department setting (name, time zone, response days, ...) by key
create table settings (
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
create table crime_types (
    code     varchar primary key,
    label    varchar not null,
    category varchar not null check (category in ('violent', 'property', 'drug', 'disorder', 'traffic',
            'other'))
);

-- outcome_measures: one outcome figure an event may record, such as car seats inspected (reference data,
--   0003); at_most names a measure it may not exceed, checked by the code
create table outcome_measures (
    code    varchar primary key,
    label   varchar not null,
    unit    varchar not null check (unit in ('count', 'dollars', 'hours')),
    -- a measure that must not exceed another one recorded for the same event (car seats installed incorrectly
    -- <= car seats inspected)
    at_most varchar
);

-- districts: one district, sector or beat; parent_id is the district a sector or beat lies in (checked by the
--   code: no table references itself, so backups copy cleanly)
create table districts (
    id         integer   default nextval('seq_districts') primary key,
    code       varchar   not null unique check (code != ''),
    name       varchar   not null,
    kind       varchar   not null default 'district' check (kind in ('district', 'sector', 'beat')),
    parent_id  integer,  -- a district's id (sectors and beats); see header note
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
create table district_boundaries (
    district_id integer   primary key references districts (id),
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
create table district_mappings (
    district_text varchar   primary key,
    district_id   integer   not null,
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
create table users (
    id                   integer   default nextval('seq_users') primary key,
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
create table user_districts (
    user_id     integer not null references users (id),
    district_id integer not null references districts (id),
    primary key (user_id, district_id)
);

-- password_history: one earlier password hash of an account (the newest four are kept)
create table password_history (
    id            bigint    default nextval('seq_password_history') primary key,
    user_id       integer   not null,
    password_hash varchar   not null,
    replaced_at   timestamp not null
);
create index password_history_user on password_history(user_id);

-- auth_sessions: one sign-in session, identified by the username and the expiry in its cookie
create table auth_sessions (
    username     varchar   not null,
    token_exp    double    not null,                     -- the `exp_date` inside the signed cookie
    started_at   timestamp not null,
    last_seen_at timestamp not null,
    ended_at     timestamp,
    end_reason   varchar   check ((end_reason is null) or (end_reason in ('sign_out', 'idle', 'disabled',
            'password_change', 'restore'))),
    way_in       varchar   not null default 'password',  -- 'password' or 'provider'
    primary key (username, token_exp)
);

-- identity_links: one person at the identity provider (issuer and subject) linked to one account
create table identity_links (
    issuer            varchar   not null,  -- the provider's `iss`
    subject           varchar   not null,  -- the person's `sub` at that provider (never reassigned)
    user_id           integer   not null,  -- the account this identity signs in as
    email             varchar,             -- the verified e-mail address the first link was made by
    linked_at         timestamp not null,
    -- the last sign-in took role and districts from the groups claim
    roles_from_groups boolean   not null default false,
    primary key (issuer, subject)
);
create index identity_links_user on identity_links(user_id);

-- identity_sessions: one ID token from the identity provider and the sign-in session it started
create table identity_sessions (
    token_key  varchar   primary key,  -- SHA-256 of the ID token's issuer, subject, nonce and issue time
    username   varchar   not null,     -- with token_exp: the auth_sessions row this ID token started
    token_exp  double    not null,
    started_at timestamp not null
);

-- login_failures: one failed sign-in attempt for a username as typed
create table login_failures (
    username varchar   not null,
    at_utc   timestamp not null
);

-- login_locks: one lock on a username as typed, after repeated failures
create table login_locks (
    username     varchar   primary key,
    locked_at    timestamp not null,
    locked_until timestamp not null,
    unlocked_at  timestamp,
    unlocked_by  varchar
);

-- ------------------------------------------------------------------ organizations

-- organizations: one community organization: block watch, tenant group, school, business association, faith,
--   civic, media, city department, ...
create table organizations (
    id                        integer   default nextval('seq_organizations') primary key,
    name                      varchar   not null check ("name" != ''),
    org_type                  varchar   not null check (org_type in ('block_watch', 'business_watch',
            'tenant_group', 'school', 'business_association', 'faith', 'civic', 'media', 'city_department',
            'other')),
    district_id               integer,  -- districts.id: checked by the gateway
    address                   varchar,
    contact_name              varchar,
    contact_phone             varchar,  -- E.164
    contact_email             varchar,
    liaison_officer_id        integer,  -- users.id: checked by the gateway
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
create table org_meetings (
    id              integer   default nextval('seq_org_meetings') primary key,
    organization_id integer   not null references organizations (id),
    met_on          date      not null,
    officer_id      integer   references users (id),
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
create table programs (
    id              integer   default nextval('seq_programs') primary key,
    name            varchar   not null check ("name" != ''),  -- unique: checked by the gateway
    category        varchar   not null check (category in ('youth', 'schools', 'traffic_safety',
            'neighborhood_watch', 'business', 'seniors', 'education', 'tip_line', 'health', 'outreach',
            'fundraising', 'other')),
    description     varchar,
    delivery_kind   varchar   not null check (delivery_kind in ('one_off', 'recurring', 'course',
            'continuous')),
    lead_officer_id integer,                                  -- users.id: checked by the gateway
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
create table program_target_districts (
    program_id  integer not null references programs (id),
    district_id integer not null references districts (id),
    primary key (program_id, district_id)
);

-- program_target_crime_types: one crime type a program targets
create table program_target_crime_types (
    program_id      integer not null references programs (id),
    crime_type_code varchar not null references crime_types (code),
    primary key (program_id, crime_type_code)
);

-- program_partners: one partner organization of a program
create table program_partners (
    program_id      integer not null references programs (id),
    organization_id integer not null references organizations (id),
    primary key (program_id, organization_id)
);

-- program_outcome_measures: one outcome figure that the events of a program record
create table program_outcome_measures (
    program_id   integer not null references programs (id),
    measure_code varchar not null references outcome_measures (code),
    primary key (program_id, measure_code)
);

-- program_goals: one goal of a program: a measure and a target per month, year or cohort
create table program_goals (
    id           integer   default nextval('seq_program_goals') primary key,
    program_id   integer   not null references programs (id),
    -- 'events', 'attendance', 'participants', 'completions' or an outcome measure code
    measure      varchar   not null,
    target_value double    not null check (target_value >= 0),
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
create table program_evaluations (
    id             integer   default nextval('seq_evaluations') primary key,
    program_id     integer   not null references programs (id),
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

-- events: one delivery of a program: when, where, district and headcount by audience
create table events (
    id                  integer   default nextval('seq_events') primary key,
    program_id          integer   not null,  -- programs.id: checked by the gateway
    cohort_id           integer,             -- course_cohorts.id: checked by the gateway
    session_number      integer   check ((session_number is null) or (session_number > 0)),
    title               varchar,
    starts_at           timestamp not null,
    ends_at             timestamp not null,
    location            varchar,
    address             varchar,
    latitude            double    check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double    check ((longitude is null) or (longitude between -180 and 180)),
    district_id         integer,             -- districts.id: checked by the gateway
    headcount_youth     integer   not null default 0 check (headcount_youth >= 0),
    headcount_adult     integer   not null default 0 check (headcount_adult >= 0),
    headcount_senior    integer   not null default 0 check (headcount_senior >= 0),
    headcount_business  integer   not null default 0 check (headcount_business >= 0),
    feedback_responses  integer   check ((feedback_responses is null) or (feedback_responses >= 0)),
    feedback_avg_rating double    check ((feedback_avg_rating is null) or (feedback_avg_rating between 1 and 5)),
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
create table event_officers (
    event_id integer not null references events (id),
    user_id  integer not null references users (id),
    hours    double  not null check (("hours" >= 0) and ("hours" <= 24)),
    primary key (event_id, user_id)
);

-- event_outcomes: one outcome figure recorded for an event (car seats inspected, tips received, ...)
create table event_outcomes (
    event_id     integer not null references events (id),
    measure_code varchar not null references outcome_measures (code),
    value        double  not null check ("value" >= 0),
    primary key (event_id, measure_code)
);

-- event_partners: one partner organization at an event
create table event_partners (
    event_id        integer not null references events (id),
    organization_id integer not null references organizations (id),
    primary key (event_id, organization_id)
);

-- course_cohorts: one class of a course program (a Citizens' Police Academy class); its sessions are events
create table course_cohorts (
    id         integer   default nextval('seq_course_cohorts') primary key,
    program_id integer   not null references programs (id),
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
    check (end_date >= start_date)
);

-- participants: one person who enrols in courses
create table participants (
    id          integer   default nextval('seq_participants') primary key,
    first_name  varchar   not null,
    last_name   varchar   not null,
    email       varchar,
    phone       varchar,  -- E.164
    district_id integer,  -- districts.id: checked by the gateway
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
create table enrolments (
    id             integer   default nextval('seq_enrolments') primary key,
    cohort_id      integer   not null references course_cohorts (id),
    participant_id integer   not null references participants (id),
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
create table roster_attendance (
    event_id     integer   not null references events (id),
    enrolment_id integer   not null references enrolments (id),
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
create table businesses (
    id                integer   default nextval('seq_businesses') primary key,
    name              varchar   not null check ("name" != ''),
    dba               varchar,
    address           varchar   not null check (address != ''),
    category          varchar,
    main_phone        varchar,  -- E.164
    district_id       integer,  -- districts.id: checked by the gateway
    latitude          double    check ((latitude is null) or (latitude between -90 and 90)),
    longitude         double    check ((longitude is null) or (longitude between -180 and 180)),
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
create table business_contacts (
    id          integer   default nextval('seq_business_contacts') primary key,
    business_id integer   not null references businesses (id),
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
create table business_verifications (
    id          integer   default nextval('seq_business_verifications') primary key,
    business_id integer   not null references businesses (id),  -- never changes after insert
    verified_on date      not null,
    verified_by varchar,
    created_by  varchar   not null,
    created_at  timestamp not null
);
create index business_verifications_business on business_verifications(business_id);

-- contact_log: one entry of an officer's contact log: a shift's community contacts of one kind
create table contact_log (
    id              integer   default nextval('seq_contact_log') primary key,
    officer_id      integer   not null references users (id),
    contact_date    date      not null,
    shift           varchar   not null check (shift in ('day', 'evening', 'night')),
    district_id     integer   not null references districts (id),
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
create table survey_waves (
    id              integer   default nextval('seq_survey_waves') primary key,
    name            varchar   not null check ("name" != ''),  -- unique: checked by the gateway
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
create table survey_answers (
    wave_id     integer not null,  -- survey_waves.id: checked by the gateway
    respondent  integer not null,  -- the respondent's line in the file, not their identifier
    district_id integer,           -- null: the respondent's area names no district
    weight      double  not null default 1 check (weight > 0),
    -- what the question measures (core/surveys/measures.py says each in words)
    measure     varchar not null check (measure in ('safe_neighbourhood', 'safe_day', 'safe_night',
            'trust_police', 'satisfied_police', 'problem', 'police_contact', 'victim')),
    -- for 'problem': the crime type (crime_types.code) or concern category it asks about
    subject     varchar,
    answer      double  not null,  -- the answer on the question's declared scale
    -- the answer is one the measure's headline share counts: feels safe, trusts, is satisfied, rates the
    -- problem serious, or yes (contact, victim); a reversed scale is turned round first
    top_answer  boolean not null,
    check ((measure = 'problem') = (subject is not null))
);

-- survey_comments: one free-text answer of one respondent (read by the crime-prevention officer and
--   administrators only)
create table survey_comments (
    wave_id    integer not null,  -- survey_waves.id: checked by the gateway
    respondent integer not null,
    question   varchar not null,  -- the file's column
    answer     varchar not null,
    primary key (wave_id, respondent, question)
);

-- survey_area_codes: one code of a survey's area column (a ZIP, a council ward) mapped to a district
create table survey_area_codes (
    id          integer   default nextval('seq_survey_area_codes') primary key,
    -- what the codes are: 'ZIP', 'Council district'
    lookup      varchar   not null check (lookup != ''),
    -- unique within its lookup: checked by the gateway
    code        varchar   not null check (code != ''),
    district_id integer   not null,  -- districts.id: checked by the gateway
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp
);

-- ------------------------------------------------------------------ concerns

-- concerns: one community concern: what was raised, by whom, where, and the department's response
create table concerns (
    id                  integer   default nextval('seq_concerns') primary key,
    received_on         date      not null,
    channel             varchar   not null check (channel in ('phone', 'email', 'walk_in', 'community_meeting',
            'officer', 'online', 'letter')),
    organization_id     integer   references organizations (id),
    anonymous           boolean   not null default false,
    reporter_name       varchar,
    reporter_contact    varchar,
    category            varchar   not null check (category in ('motor_vehicle', 'speeding', 'parking',
            'disorderly_group', 'blight', 'noise', 'drug_activity', 'graffiti', 'lighting',
            'suspicious_activity', 'other')),
    description         varchar   not null check (description != ''),
    location            varchar,
    latitude            double    check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double    check ((longitude is null) or (longitude between -180 and 180)),
    district_id         integer   references districts (id),
    assigned_officer_id integer   references users (id),
    referred_to         varchar   check ((referred_to is null) or (referred_to in ('public_works',
            'housing_blight', 'traffic_engineering', 'parks', 'schools', 'other'))),
    status              varchar   not null default 'new' check (status in ('new', 'assigned', 'in_progress',
            'referred', 'resolved', 'closed')),
    resolved_on         date,
    response_given      varchar,
    reported_by_id      integer   references users (id),
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
create table concern_updates (
    id         integer   default nextval('seq_concern_updates') primary key,
    concern_id integer   not null,  -- concerns.id (checked by the writer, see above)
    at_utc     timestamp not null,
    by_user    varchar   not null,
    status     varchar,
    note       varchar   not null
);
create index concern_updates_concern on concern_updates(concern_id);

-- ------------------------------------------------------------------ crime data

-- incidents: one imported crime incident; re-importing its incident number updates it
create table incidents (
    id                  integer   default nextval('seq_incidents') primary key,
    incident_number     varchar   not null unique,
    occurred_at         timestamp not null,
    offense             varchar,
    offense_description varchar,
    crime_type_code     varchar   references crime_types (code),
    district_id         integer   references districts (id),
    source_district     varchar,
    address             varchar,
    latitude            double    check ((latitude is null) or (latitude between -90 and 90)),
    longitude           double    check ((longitude is null) or (longitude between -180 and 180)),
    import_batch        varchar,
    imported_at         timestamp not null
);

-- offense_mappings: one offense text of incident exports mapped to a crime type
create table offense_mappings (
    offense_description varchar   primary key,  -- upper-cased source text
    crime_type_code     varchar   not null references crime_types (code),
    version             integer   not null default 1,
    created_by          varchar   not null,
    created_at          timestamp not null,
    updated_by          varchar,
    updated_at          timestamp,
    deleted_by          varchar,
    deleted_at          timestamp
);

-- import_mappings: one saved column mapping of an import file to an importer's fields
create table import_mappings (
    id           integer   default nextval('seq_import_mappings') primary key,
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
create table monthly_reports (
    id              integer   default nextval('seq_reports') primary key,
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
create table report_acknowledgements (
    report_id       integer   not null references monthly_reports (id),
    user_id         integer   not null references users (id),
    acknowledged_at timestamp not null,
    primary key (report_id, user_id)
);

-- ------------------------------------------------------------------ bookkeeping

-- audit_log: one audited action: who, when, with which role, on which record, before and after
create table audit_log (
    id         bigint    default nextval('seq_audit') primary key,
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

-- schema_migrations: one applied migration file, with the checksum of its text
create table schema_migrations (
    version    integer   primary key,
    name       varchar   not null,
    checksum   varchar   not null,
    applied_at timestamp not null
);

-- data_version: the one row counting saves that changed figures: every app process's cached figures are keyed
--   on it (server mode; DuckDB's one process counts in memory)
create table data_version (
    id      integer primary key check (id = 1),  -- the one row
    version bigint  not null                     -- committed units of work that changed figures
);

-- ------------------------------------------------------------------ views

-- live.<table>: the rows of a table that are not soft-deleted (every row of a table without
-- soft delete). Named queries read these, never main.*.
create view live.auth_sessions as select * from main.auth_sessions;
create view live.business_contacts as select * from main.business_contacts where (deleted_at is null);
create view live.business_verifications as select * from main.business_verifications;
create view live.businesses as select * from main.businesses where (deleted_at is null);
create view live.concern_updates as select * from main.concern_updates;
create view live.concerns as select * from main.concerns where (deleted_at is null);
create view live.contact_log as select * from main.contact_log where (deleted_at is null);
create view live.course_cohorts as select * from main.course_cohorts where (deleted_at is null);
create view live.crime_types as select * from main.crime_types;
create view live.district_boundaries as select * from main.district_boundaries where (deleted_at is null);
create view live.district_mappings as select * from main.district_mappings where (deleted_at is null);
create view live.enrolments as select * from main.enrolments where (deleted_at is null);
create view live.event_officers as select * from main.event_officers;
create view live.event_outcomes as select * from main.event_outcomes;
create view live.event_partners as select * from main.event_partners;
create view live.events as select * from main.events where (deleted_at is null);
create view live.import_mappings as select * from main.import_mappings where (deleted_at is null);
create view live.incidents as select * from main.incidents;
create view live.login_failures as select * from main.login_failures;
create view live.login_locks as select * from main.login_locks;
create view live.monthly_reports as select * from main.monthly_reports where (deleted_at is null);
create view live.offense_mappings as select * from main.offense_mappings where (deleted_at is null);
create view live.org_meetings as select * from main.org_meetings where (deleted_at is null);
create view live.organizations as select * from main.organizations where (deleted_at is null);
create view live.outcome_measures as select * from main.outcome_measures;
create view live.participants as select * from main.participants where (deleted_at is null);
create view live.program_evaluations as select * from main.program_evaluations where (deleted_at is null);
create view live.program_goals as select * from main.program_goals where (deleted_at is null);
create view live.program_outcome_measures as select * from main.program_outcome_measures;
create view live.program_partners as select * from main.program_partners;
create view live.program_target_crime_types as select * from main.program_target_crime_types;
create view live.program_target_districts as select * from main.program_target_districts;
create view live.programs as select * from main.programs where (deleted_at is null);
create view live.report_acknowledgements as select * from main.report_acknowledgements;
create view live.roster_attendance as select * from main.roster_attendance where (deleted_at is null);
create view live.settings as select * from main.settings where (deleted_at is null);
create view live.survey_area_codes as select * from main.survey_area_codes where (deleted_at is null);
create view live.survey_waves as select * from main.survey_waves where (deleted_at is null);
create view live.user_districts as select * from main.user_districts;
create view live.users as select * from main.users where (deleted_at is null);

-- Records may name a beat or a sector (an incident's district column, an event's place); maps and the
--   targeting analysis count them under their district. Up to two levels (district > sector > beat).
create view live.district_rollup as select d.id as district_id, coalesce(gp.id, p.id, d.id) as top_district_id
    from ((main.districts as d
            left join main.districts as p on ((p.id = d.parent_id)))
        left join main.districts as gp on ((gp.id = p.parent_id)))
    where (d.deleted_at is null);

-- The districts that are not deleted, each with its imported boundary's name, population and geometry
--   (district_boundaries) in place of its own.
create view live.districts as select d.* replace (coalesce(b.geometry, d.geometry) as geometry, coalesce(b.population, d.population) as population, coalesce(b."name", d."name") as "name")
    from (main.districts as d
        left join main.district_boundaries as b on (((b.district_id = d.id) and (b.deleted_at is null))))
    where (d.deleted_at is null);

-- Every enrolment's cohort and participant, deleted or not: the pair is unique across deleted rows too.
create view live.enrolment_pairs as select id, cohort_id, participant_id, deleted_at
    from main.enrolments;

-- Views over rows that live.* hides but some checks must see. Deleted events, for the administrator's restore
--   list.
create view live.events_deleted as select *
    from main.events
    where (deleted_at is not null);

create view live.identity_links as select issuer, subject, user_id, email, linked_at, roles_from_groups
    from main.identity_links;

create view live.identity_sessions as select token_key, username, token_exp, started_at
    from main.identity_sessions;

-- Every earlier password hash (only inserted and pruned, never soft-deleted).
create view live.password_history as select id, user_id, password_hash, replaced_at
    from main.password_history;

-- Program names and enrolment pairs are unique across deleted rows too.
create view live.program_names as select id, "name", deleted_at
    from main.programs;

-- The answers and comments of the waves that are not deleted.
create view live.survey_answers as select a.*
    from (main.survey_answers as a
        inner join live.survey_waves as w on ((w.id = a.wave_id)));

create view live.survey_comments as select c.*
    from (main.survey_comments as c
        inner join live.survey_waves as w on ((w.id = c.wave_id)));

-- ------------------------------------------------------------------ macros

-- Each business's latest verification on or before a day; the figures of a period count from it.
create macro live.business_last_checks(as_of) as table
    select business_id, max(verified_on) as verified_on
    from main.business_verifications
    where (verified_on <= as_of)
    group by business_id;

-- Program events per top-level district (a beat's events count in its district) that start on a day of the
--   period, of one program (null: all), whatever the reader's scope (the map and the targeting screens keep
--   their districts): events and attendance.
create macro live.events_by_top_district(period_start, period_end, only_program) as table
    select r.top_district_id as district_id, count_star() as events, cast(sum((((e.headcount_youth + e.headcount_adult) + e.headcount_senior) + e.headcount_business)) as bigint) as attendance
    from (live.events as e
        inner join live.district_rollup as r on ((r.district_id = e.district_id)))
    where ((e.starts_at >= cast(period_start as date))
            and (e.starts_at < (cast(period_end as date) + to_days(cast(trunc(cast(1 as double)) as integer))))
            and ((cast(only_program as integer) is null) or (e.program_id = cast(only_program as integer))))
    group by r.top_district_id;

-- The reader's scope, for one district id (null: a record of no single district).
create macro live.in_scope(all_districts, districts, of_district) as
    (all_districts or list_contains(districts, of_district));

-- Businesses on the list in the reader's scope and the chosen district, each with its latest verification on
--   or before as_of (last_verified_on, null when never verified by then).
create macro live.scoped_businesses(all_districts, districts, only_district, as_of) as table
    select b.* replace (l.verified_on as last_verified_on)
    from (live.businesses as b
        left join live.business_last_checks(cast(as_of as date)) as l on ((l.business_id = b.id)))
    where (live.in_scope(all_districts, districts, b.district_id)
            and ((cast(only_district as integer) is null) or (b.district_id = cast(only_district as integer))));

-- Course cohorts with a session held in the reader's scope and the chosen district (null: all): a cohort's
--   completions and its end belong to the districts where its sessions were held.
create macro live.scoped_cohorts(all_districts, districts, only_district) as table
    select c.*
    from live.course_cohorts as c
    where exists(select 1
        from live.events as e
        where ((e.cohort_id = c.id)
                and live.in_scope(all_districts, districts, e.district_id)
                and ((cast(only_district as integer) is null) or (e.district_id = cast(only_district as integer)))));

-- Community concerns (any date) in the reader's scope and the chosen district.
create macro live.scoped_concerns(all_districts, districts, only_district) as table
    select c.*
    from live.concerns as c
    where (live.in_scope(all_districts, districts, c.district_id)
            and ((cast(only_district as integer) is null) or (c.district_id = cast(only_district as integer))));

-- Contact-log entries dated in the period, in the reader's scope and the chosen district.
create macro live.scoped_contacts(all_districts, districts, period_start, period_end, only_district) as table
    select c.*
    from live.contact_log as c
    where ((c.contact_date between cast(period_start as date) and cast(period_end as date))
            and live.in_scope(all_districts, districts, c.district_id)
            and ((cast(only_district as integer) is null) or (c.district_id = cast(only_district as integer))));

-- Program events that start on a day of the period, in the reader's scope, narrowed by district, program
--   category and program (null: all); with the program's category.
create macro live.scoped_events(all_districts, districts, period_start, period_end, only_district, only_category, only_program) as table
    select e.*, p.category
    from (live.events as e
        inner join live.programs as p on ((p.id = e.program_id)))
    where ((cast(e.starts_at as date) between cast(period_start as date) and cast(period_end as date))
            and live.in_scope(all_districts, districts, e.district_id)
            and ((cast(only_district as integer) is null) or (e.district_id = cast(only_district as integer)))
            and ((cast(only_category as varchar) is null) or (p.category = cast(only_category as varchar)))
            and ((cast(only_program as integer) is null) or (e.program_id = cast(only_program as integer))));

-- Community organizations in the reader's scope and the chosen district.
create macro live.scoped_organizations(all_districts, districts, only_district) as table
    select o.*
    from live.organizations as o
    where (live.in_scope(all_districts, districts, o.district_id)
            and ((cast(only_district as integer) is null) or (o.district_id = cast(only_district as integer))));
