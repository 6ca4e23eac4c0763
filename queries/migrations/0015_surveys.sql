-- 0015_surveys: resident perception surveys, one wave at a time, beside the crime data.
--
-- A department runs a survey (mailed, online or through a vendor) and gets a spreadsheet back:
-- one row per respondent, one column per question. An import keeps, per respondent, only what the
-- figures need: the district the respondent lives in, the survey weight, and one row per answered
-- question that a measure reads. Respondent identifiers and addresses are not kept. Answers that
-- mean "don't know" or that are missing are not kept either: they are outside every share's base.
-- Free-text answers are kept apart (survey_comments), read only by the crime-prevention officer and
-- administrators. The question map that said what each column measures is saved in
-- import_mappings (kind 'surveys'), to be used again for the next wave; a code that maps a
-- respondent's ZIP or council ward to a district is a survey_area_codes row.
--
-- wave_id and district_id carry no foreign key: a wave's name and dates are edited, and DuckDB
-- refuses to update a row another table references (see 0008); the unit of work checks them.

create sequence seq_survey_waves start 1;
create sequence seq_survey_area_codes start 1;

create table survey_waves (
    id               integer   default nextval('seq_survey_waves') primary key,
    "name"           varchar   not null check ("name" != ''),     -- unique: checked by the gateway
    fieldwork_start  date      not null,
    fieldwork_end    date      not null,
    source_file      varchar,                                       -- the file the answers came from
    respondents      integer   not null default 0 check (respondents >= 0),
    weighted         boolean   not null default false,             -- the file had a weight column
    version          integer   not null default 1,
    created_by       varchar   not null,
    created_at       timestamp not null,
    updated_by       varchar,
    updated_at       timestamp,
    deleted_by       varchar,
    deleted_at       timestamp,
    check (fieldwork_end >= fieldwork_start)
);

create table survey_answers (
    wave_id     integer not null,            -- survey_waves.id: checked by the gateway
    respondent  integer not null,            -- the respondent's line in the file, not their identifier
    district_id integer,                     -- null: the respondent's area names no district
    weight      double  not null default 1 check (weight > 0),
    -- what the question measures (core/surveys/measures.py says each in words)
    measure     varchar not null check (measure in ('safe_neighbourhood', 'safe_day', 'safe_night',
            'trust_police', 'satisfied_police', 'problem', 'police_contact', 'victim')),
    -- for 'problem': the crime type (crime_types.code) or concern category it asks about
    subject     varchar,
    answer      double  not null,            -- the answer on the question's declared scale
    -- the answer is one the measure's headline share counts: feels safe, trusts, is satisfied,
    -- rates the problem serious, or yes (contact, victim); a reversed scale is turned round first
    top_answer  boolean not null,
    check ((measure = 'problem') = (subject is not null))
);

create table survey_comments (
    wave_id    integer not null,             -- survey_waves.id: checked by the gateway
    respondent integer not null,
    question   varchar not null,             -- the file's column
    answer     varchar not null,
    primary key (wave_id, respondent, question)
);

create table survey_area_codes (
    id          integer   default nextval('seq_survey_area_codes') primary key,
    lookup      varchar   not null check (lookup != ''),   -- what the codes are: 'ZIP', 'Council district'
    code        varchar   not null check (code != ''),     -- unique within its lookup: checked by the gateway
    district_id integer   not null,                        -- districts.id: checked by the gateway
    version     integer   not null default 1,
    created_by  varchar   not null,
    created_at  timestamp not null,
    updated_by  varchar,
    updated_at  timestamp,
    deleted_by  varchar,
    deleted_at  timestamp
);

create view live.survey_waves as select * from main.survey_waves where deleted_at is null;
-- The answers and comments of the waves that are not deleted.
create view live.survey_answers as
    select a.* from main.survey_answers as a inner join live.survey_waves as w on w.id = a.wave_id;
create view live.survey_comments as
    select c.* from main.survey_comments as c inner join live.survey_waves as w on w.id = c.wave_id;
create view live.survey_area_codes as select * from main.survey_area_codes where deleted_at is null;
