-- 0001_core: the whole data model.
--
-- Conventions (see ARCHITECTURE.md):
--   * every editable table carries version / created_* / updated_* / deleted_*;
--     an update names the version it read (optimistic concurrency) and a delete
--     only stamps deleted_at (soft delete);
--   * the `live` schema holds one view per editable table that hides
--     soft-deleted rows: named queries read from `live.*`, writes go to `main.*`;
--   * times are stored as naive TIMESTAMP: audit and bookkeeping times in UTC,
--     event and incident times in the department's local time zone (settings);
--   * DuckDB cannot update a row that a foreign key references when the update
--     touches an indexed column, so codes and usernames are never renamed in place;
--   * no table references itself: DuckDB's COPY FROM DATABASE (the backup) checks
--     such keys row by row and fails, so districts.parent_id and
--     outcome_measures.at_most are checked by the code that writes them.

create sequence seq_districts start 1;
create sequence seq_users start 1;
create sequence seq_organizations start 1;
create sequence seq_programs start 1;
create sequence seq_program_goals start 1;
create sequence seq_course_cohorts start 1;
create sequence seq_events start 1;
create sequence seq_participants start 1;
create sequence seq_enrolments start 1;
create sequence seq_org_meetings start 1;
create sequence seq_businesses start 1;
create sequence seq_business_contacts start 1;
create sequence seq_contact_log start 1;
create sequence seq_concerns start 1;
create sequence seq_concern_updates start 1;
create sequence seq_incidents start 1;
create sequence seq_evaluations start 1;
create sequence seq_reports start 1;
create sequence seq_audit start 1;

-- ---------------------------------------------------------------- reference

create table settings (
    key          varchar primary key,
    value        varchar,
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp
);

create table crime_types (
    code         varchar primary key,
    label        varchar not null,
    category     varchar not null check (category in ('violent', 'property', 'drug', 'disorder', 'traffic', 'other'))
);

create table outcome_measures (
    code         varchar primary key,
    label        varchar not null,
    unit         varchar not null check (unit in ('count', 'dollars', 'hours')),
    -- a measure that must not exceed another one recorded for the same event
    -- (car seats installed incorrectly <= car seats inspected)
    at_most      varchar
);

create table districts (
    id           integer primary key default nextval('seq_districts'),
    code         varchar not null unique,
    name         varchar not null,
    kind         varchar not null default 'district' check (kind in ('district', 'sector', 'beat')),
    parent_id    integer,           -- a district's id (sectors and beats); see header note
    population   integer check (population is null or population >= 0),
    geometry     varchar,           -- GeoJSON geometry (Polygon / MultiPolygon), lon/lat
    version      integer   not null default 1,
    created_by   varchar   not null,
    created_at   timestamp not null,
    updated_by   varchar,
    updated_at   timestamp,
    deleted_by   varchar,
    deleted_at   timestamp,
    -- no check may name `id`: DuckDB then treats every update as a key update and refuses
    -- it for rows other tables reference
    check (code <> '')
);

create table users (
    id                    integer primary key default nextval('seq_users'),
    username              varchar not null unique,
    display_name          varchar not null,
    role                  varchar not null check (role in ('admin', 'command', 'prevention', 'officer')),
    badge_number          varchar,
    email                 varchar,
    password_hash         varchar not null,       -- bcrypt
    must_change_password  boolean not null default false,
    active                boolean not null default true,
    version               integer   not null default 1,
    created_by            varchar   not null,
    created_at            timestamp not null,
    updated_by            varchar,
    updated_at            timestamp,
    deleted_by            varchar,
    deleted_at            timestamp,
    check (username = lower(username) and length(username) between 2 and 64)
);

create table user_districts (
    user_id      integer not null references users (id),
    district_id  integer not null references districts (id),
    primary key (user_id, district_id)
);

-- ---------------------------------------------------------------- organizations

create table organizations (
    id                         integer primary key default nextval('seq_organizations'),
    name                       varchar not null,
    org_type                   varchar not null check (org_type in (
                                   'block_watch', 'business_watch', 'tenant_group', 'school',
                                   'business_association', 'faith', 'civic', 'media',
                                   'city_department', 'other')),
    district_id                integer references districts (id),
    address                    varchar,
    contact_name               varchar,
    contact_phone              varchar,          -- E.164
    contact_email              varchar,
    liaison_officer_id         integer references users (id),
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

-- ---------------------------------------------------------------- programs

create table programs (
    id               integer primary key default nextval('seq_programs'),
    name             varchar not null unique,
    category         varchar not null check (category in (
                         'youth', 'schools', 'traffic_safety', 'neighborhood_watch', 'business',
                         'seniors', 'education', 'tip_line', 'health', 'outreach', 'fundraising', 'other')),
    description      varchar,
    delivery_kind    varchar not null check (delivery_kind in ('one_off', 'recurring', 'course', 'continuous')),
    lead_officer_id  integer references users (id),
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

-- which outcome figures an event of this program records
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
    unique (program_id, name),
    check (end_date >= start_date)
);

-- ---------------------------------------------------------------- events

create table events (
    id                     integer primary key default nextval('seq_events'),
    program_id             integer not null references programs (id),
    cohort_id              integer references course_cohorts (id),
    session_number         integer check (session_number is null or session_number > 0),
    title                  varchar,
    starts_at              timestamp not null,
    ends_at                timestamp not null,
    location               varchar,
    address                varchar,
    latitude               double check (latitude is null or latitude between -90 and 90),
    longitude              double check (longitude is null or longitude between -180 and 180),
    district_id            integer references districts (id),
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

-- ---------------------------------------------------------------- courses

create table participants (
    id           integer primary key default nextval('seq_participants'),
    first_name   varchar not null,
    last_name    varchar not null,
    email        varchar,
    phone        varchar,          -- E.164
    district_id  integer references districts (id),
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

-- ---------------------------------------------------------------- businesses

create table businesses (
    id                integer primary key default nextval('seq_businesses'),
    name              varchar not null,
    dba               varchar,
    address           varchar not null,
    category          varchar,
    main_phone        varchar,          -- E.164
    district_id       integer references districts (id),
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

-- ---------------------------------------------------------------- patrol contacts

create table contact_log (
    id               integer primary key default nextval('seq_contact_log'),
    officer_id       integer not null references users (id),
    contact_date     date not null,
    shift            varchar not null check (shift in ('day', 'evening', 'night')),
    district_id      integer not null references districts (id),
    kind             varchar not null check (kind in (
                         'business_check', 'resident', 'youth', 'school', 'community_meeting',
                         'park_and_walk', 'faith', 'senior', 'other')),
    contact_count    integer not null default 1 check (contact_count between 1 and 500),
    location         varchar,
    non_enforcement  boolean not null default true,
    notes            varchar,
    version          integer   not null default 1,
    created_by       varchar   not null,
    created_at       timestamp not null,
    updated_by       varchar,
    updated_at       timestamp,
    deleted_by       varchar,
    deleted_at       timestamp
);

-- ---------------------------------------------------------------- concerns

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

-- append-only history: every status change, assignment, referral and note
create table concern_updates (
    id          integer primary key default nextval('seq_concern_updates'),
    concern_id  integer not null references concerns (id),
    at_utc      timestamp not null,
    by_user     varchar not null,
    status      varchar,
    note        varchar not null
);

-- ---------------------------------------------------------------- crime data

create table offense_mappings (
    offense_description  varchar primary key,     -- upper-cased source text
    crime_type_code      varchar not null references crime_types (code),
    version              integer   not null default 1,
    created_by           varchar   not null,
    created_at           timestamp not null,
    updated_by           varchar,
    updated_at           timestamp,
    deleted_by           varchar,
    deleted_at           timestamp
);

-- imported, never edited by hand: re-importing an incident number updates it
create table incidents (
    id                   integer primary key default nextval('seq_incidents'),
    incident_number      varchar not null unique,
    occurred_at          timestamp not null,
    offense              varchar,
    offense_description  varchar,
    crime_type_code      varchar references crime_types (code),
    district_id          integer references districts (id),
    source_district      varchar,
    address              varchar,
    latitude             double check (latitude is null or latitude between -90 and 90),
    longitude            double check (longitude is null or longitude between -180 and 180),
    import_batch         varchar,
    imported_at          timestamp not null
);

-- ---------------------------------------------------------------- reporting

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

create table monthly_reports (
    id               integer primary key default nextval('seq_reports'),
    period_start     date not null,
    period_end       date not null,
    period_label     varchar not null,
    status           varchar not null default 'draft' check (status in ('draft', 'submitted')),
    highlights       varchar,
    media            varchar,
    training         varchar,
    recruiting       varchar,
    upcoming         varchar,
    recommendations  varchar,
    snapshot_json    varchar,          -- frozen figures and narrative at submission
    submitted_by     varchar,
    submitted_at     timestamp,
    version          integer   not null default 1,
    created_by       varchar   not null,
    created_at       timestamp not null,
    updated_by       varchar,
    updated_at       timestamp,
    deleted_by       varchar,
    deleted_at       timestamp,
    unique (period_start, period_end),
    check (period_end >= period_start),
    check ((status = 'submitted') = (snapshot_json is not null))
);

create table report_acknowledgements (
    report_id        integer not null references monthly_reports (id),
    user_id          integer not null references users (id),
    acknowledged_at  timestamp not null,
    primary key (report_id, user_id)
);

-- ---------------------------------------------------------------- audit

create table audit_log (
    id          bigint primary key default nextval('seq_audit'),
    at_utc      timestamp not null,
    username    varchar   not null,
    role        varchar   not null,
    action      varchar   not null check (action in (
                    'create', 'update', 'delete', 'restore', 'import', 'sign_in', 'sign_in_failed',
                    'lockout', 'unlock', 'sign_out', 'permission_change', 'password_change',
                    'denied', 'submit', 'reopen', 'acknowledge', 'backup', 'restore_backup')),
    table_name  varchar,
    record_id   varchar,
    before      varchar,                  -- JSON of the row before, null for create
    after       varchar,                  -- JSON of the row after, null for delete
    detail      varchar
);
