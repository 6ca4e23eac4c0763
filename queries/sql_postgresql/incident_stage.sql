-- Hand-written PostgreSQL form of queries/sql/incident_stage.sql (queries/postgresql_sql.py, HAND_WRITTEN).
-- The same rows and columns as the DuckDB file. What differs: DuckDB reads a date/time with try_strptime
-- and a list of formats, or try_cast, both null where the text is not a real date or time; PostgreSQL has
-- neither, and to_timestamp fails the whole statement on a day that does not exist. Here each shape is
-- taken apart by a regular expression and the time is made only of parts that are a real date and time
-- (shaped, fields, walled). regexp_full_match is `~ '^(?:...)$'`. PostgreSQL has no CREATE OR REPLACE
-- for a table: the importer drops incident_stage (incident_stage_drop) before making it again.
-- Compared with the DuckDB file on the same texts: tests/test_postgres_sql.py.
-- incident_stage: parse an incident file (the temp view incident_source, one varchar column per
-- field, see core/incident_import.py) into the temp table incident_stage.
-- Date/times: the common formats (ISO, Y/m/d, US m/d/Y and m/d/y with 24-hour or AM/PM clock,
-- d-Mon-Y, 'Jan 5, 2023'), stored as the department's wall-clock time:
-- a time with a UTC offset (+00, -05:00, +0530, Z) is converted to the zone %(time_zone)s; a time
-- without one is the department's wall clock as written. With offsets_local (the importer's choice
-- that the file's offsets are wrong) every time is the wall clock as written, its offset dropped.
-- hour_written: the file's hour column (HOUR), when it has one, beside each row's written and
-- stored time (incident_stage_offset_hours judges the offsets with it).
-- Or (date_column) a date in one column (occurred_date; a time of 00:00 beside it is how workbooks
-- write a date) and the time in another (occurred_time: HH:MM, HH:MM:SS, h:mm AM, or an unpadded
-- HHMM number: 5 is 00:05, 1730 is 17:30; blank is 00:00), joined as written.
-- A bare number is not a date: a workbook's date cells reach here as dates already (their number
-- format makes them so, core/incident_import.py); a number in a CSV has no format to say so.
-- Placeholder dates (1970-01-01, 1900-01-00, 1900-01-01, 1899-12-30/31, 0000-00-00, at any time,
-- with or without an offset) are not real dates: placeholder_date, and the row is not imported.
-- occurred_problem / occurred_field: why a row's time cannot be read, and in which field.
-- Offense -> crime type through live.offense_mappings (upper-cased description, else offense code);
-- district: left empty here; the importer matches each distinct district text once
-- (core/district_codes.py, incident_stage_set_districts) and locates the rest by point;
-- existing_id: the stored incident of the same number (the writes update those and insert the rest).
-- params: time_zone (the department's IANA zone name), date_column (true when occurred_date and
-- occurred_time are mapped instead of occurred_at), offsets_local (boolean).
-- output: temp table incident_stage
create temp table incident_stage as
with source as materialized (
    -- read and numbered once (row_number over the table's order)
    select
        row_number() over () + 1 as line,       -- line 1 is the header
        nullif(trim(incident_number), '') as incident_number,
        coalesce(nullif(trim(occurred_at), ''), nullif(trim(occurred_date), '')) as occurred_text,
        nullif(trim(occurred_time), '') as time_text,
        nullif(trim(offense), '') as offense,
        nullif(trim(description), '') as offense_description,
        nullif(trim(district), '') as source_district,
        nullif(trim(address), '') as address,
        case when trim(hour_written) ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
             then cast(trim(hour_written) as double precision) end as hour_written,
        case when nullif(trim(latitude), '') ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
             then cast(trim(latitude) as double precision) end as lat_raw,
        case when nullif(trim(longitude), '') ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
             then cast(trim(longitude) as double precision) end as lon_raw,
        coalesce(nullif(trim(latitude), '') !~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$', false)
            as lat_bad,
        coalesce(nullif(trim(longitude), '') !~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$', false)
            as lon_bad
    from incident_source
),

offsets as (
    select
        *,
        -- the regex only where an offset can be (a final Z, a '+', or a '-' after the first ':')
        case
            when right(occurred_text, 1) = 'Z' or strpos(occurred_text, '+') > 0
                 or strpos(substr(occurred_text, strpos(occurred_text, ':')), '-') > 0
                then (regexp_match(occurred_text, '\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)$'))[1]
        end as offset_text
    from source
),

parsed as (
    select
        *,
        -- the time as written without its offset; the offset in minutes east of UTC
        case
            when offset_text is not null
                then regexp_replace(occurred_text, '(\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(?:Z|[+-]\d\d(?::?\d\d)?)$', '\1')
            else occurred_text
        end as occurred_clean,
        case
            when offset_text = 'Z' then 0
            when offset_text is not null
                then (case when starts_with(offset_text, '-') then -1 else 1 end)
                     * (cast(substr(offset_text, 2, 2) as integer) * 60
                        + coalesce(cast(nullif(substr(replace(offset_text, ':', ''), 4, 2), '') as integer), 0))
        end as offset_minutes
    from offsets
),

-- materialized, as are the steps below that read a column many times: PostgreSQL would otherwise write
-- the whole expression into every use (seconds of planning, and JIT compiling, for a few rows)
shaped as materialized (
    -- DuckDB reads each shape with try_strptime and a list of formats, or try_cast; PostgreSQL has
    -- neither (to_timestamp fails the whole statement on a day that does not exist). So each shape
    -- is rewritten to its parts, 'year|month|day|hour|minute|second|clock' (clock: A or P for a
    -- 12-hour clock, I for an ISO text, empty for a 24-hour clock), and `walled` below makes the
    -- time only of parts that are a real date and time, null otherwise, as DuckDB does. Each
    -- rewrite accepts what DuckDB's formats for that shape accept (whitespace, case, one-digit
    -- fields); a shape's text that no format reads gives null parts.
    select
        *,
        case
            when substr(occurred_clean, 5, 1) = '-' then case
                when occurred_clean ~ '^(?:\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?)$'
                    then regexp_replace(occurred_clean,
                        '^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?\d*)?)?$',
                        '\1|\2|\3|\4|\5|\6\7|I')
                when occurred_clean ~ '^(?:\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm])$'
                    then regexp_replace(upper(occurred_clean),
                        '^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP])M$', '\1|\2|\3|\4|\5|\6|\7')
            end
            when strpos(occurred_clean, '/') > 0 then case
                when occurred_clean ~ '^(?:\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm])$'
                    then regexp_replace(upper(occurred_clean),
                        '^(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP])M$', '\3|\1|\2|\4|\5|\6|\7')
                when occurred_clean ~ '^(?:\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?)$'
                    then regexp_replace(occurred_clean,
                        '^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$', '\3|\1|\2|\4|\5|\6|')
                when occurred_clean ~ '^(?:\d{1,2}/\d{1,2}/\d{2}( \d{1,2}:\d{2})?( ?[AaPp][Mm])?)$'
                    -- %%m/%%d/%%y, %%m/%%d/%%y %%H:%%M, %%m/%%d/%%y %%I:%%M %%p: a clock only after a time and a space
                    then case when upper(occurred_clean) ~ '^(\d{1,2})/(\d{1,2})/(\d{2})(?: (\d{1,2}):(\d{2})(?: ([AP])M)?)?$'
                              then regexp_replace(upper(occurred_clean),
                                  '^(\d{1,2})/(\d{1,2})/(\d{2})(?: (\d{1,2}):(\d{2})(?: ([AP])M)?)?$', '\3|\1|\2|\4|\5||\6')
                         end
                when occurred_clean ~ '^(?:\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm])$'
                    then regexp_replace(upper(occurred_clean),
                        '^(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP])M$', '\1|\2|\3|\4|\5|\6|\7')
                when occurred_clean ~ '^(?:\d{4}/\d{1,2}/\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?)$'
                    then regexp_replace(occurred_clean,
                        '^(\d{4})/(\d{1,2})/(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$', '\1|\2|\3|\4|\5|\6|I')
            end
            else case
                when occurred_clean ~ '^(?:\d{1,2}-[A-Za-z]{3}-\d{4}( \d{1,2}:\d{2})?)$'
                    then regexp_replace(upper(occurred_clean),
                        '^(\d{1,2})-([A-Z]{3})-(\d{4})(?: (\d{1,2}):(\d{2}))?$', '\3|\2|\1|\4|\5||')
                when occurred_clean ~ '^(?:[A-Za-z]+\.? \d{1,2}, \d{4}.*)$'
                    -- %%b %%d, %%Y and %%B %%d, %%Y, with %%I:%%M %%p or without: a space in a format is any run
                    then case when upper(replace(occurred_clean, '.', ''))
                                   ~ '^([A-Z]+)\s+(\d{1,2}),\s+(\d{4})(?:\s+(\d{1,2}):(\d{1,2})\s+([AP])M)?$'
                              then regexp_replace(upper(replace(occurred_clean, '.', '')),
                                  '^([A-Z]+)\s+(\d{1,2}),\s+(\d{4})(?:\s+(\d{1,2}):(\d{1,2})\s+([AP])M)?$',
                                  '\3|\1|\2|\4|\5||\6')
                         end
            end
        end as wall_text
    from parsed
),

fields as (
    select
        *,
        case when length(split_part(wall_text, '|', 1)) = 2      -- %%y: 69-99 is 19xx, 00-68 is 20xx
             then cast(split_part(wall_text, '|', 1) as integer)
                  + case when cast(split_part(wall_text, '|', 1) as integer) >= 69 then 1900 else 2000 end
             else cast(nullif(split_part(wall_text, '|', 1), '') as integer) end as wall_year,
        case when split_part(wall_text, '|', 2) ~ '^\d+$' then cast(split_part(wall_text, '|', 2) as integer)
             else coalesce(
                 array_position(array['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV',
                                      'DEC'], split_part(wall_text, '|', 2)),
                 array_position(array['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST',
                                      'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'], split_part(wall_text, '|', 2)))
        end as wall_month,
        cast(nullif(split_part(wall_text, '|', 3), '') as integer) as wall_day,
        coalesce(cast(nullif(split_part(wall_text, '|', 4), '') as integer), 0) as wall_hour,
        coalesce(cast(nullif(split_part(wall_text, '|', 5), '') as integer), 0) as wall_minute,
        coalesce(cast(nullif(split_part(wall_text, '|', 6), '') as numeric), 0) as wall_second,
        split_part(wall_text, '|', 7) as wall_clock
    from shaped
),

walled as materialized (
    select
        *,
        case
            when wall_text is null or wall_year < 1 or wall_month is null or wall_month not between 1 and 12
                 or wall_day < 1 or wall_minute > 59 or wall_second >= 60
                 or (wall_clock in ('A', 'P') and wall_hour not between 1 and 12)
                 or (wall_clock not in ('A', 'P') and wall_hour > 23
                     -- an ISO text's 24:00:00 is the next day's midnight, as DuckDB reads it
                     and not (wall_clock = 'I' and wall_hour = 24 and wall_minute = 0 and wall_second = 0))
                then null
            when wall_day > extract(day from make_date(wall_year, wall_month, 1) + interval '1 month' - interval '1 day')
                then null
            else make_timestamp(wall_year, wall_month, wall_day, 0, wall_minute, cast(wall_second as double precision))
                 + (case when wall_clock = 'A' then wall_hour %% 12
                         when wall_clock = 'P' then wall_hour %% 12 + 12
                         else wall_hour end) * interval '1 hour'
        end as occurred_wall
    from fields
),

clocked as materialized (
    select
        *,
        case
            when occurred_wall is not null
                then cast(occurred_wall as date) in (date '1970-01-01', date '1900-01-01', date '1899-12-30',
                                                     date '1899-12-31')
            else coalesce(occurred_clean
                ~ '^(?:(1900[-/]0?1[-/]00|0?1/0?0/(1900|00)|0000-00-00|00/00/0000)([ T].*)?)$', false)
        end as placeholder_date,
        case
            when time_text is null then time '00:00:00'
            when time_text ~ '^(?:[0-9]{1,4})$'
                then case when cast(time_text as integer) / 100 < 24 and cast(time_text as integer) %% 100 < 60
                          then make_time(cast(time_text as integer) / 100, cast(time_text as integer) %% 100, 0)
                     end
            when time_text ~ '^(?:([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)$'
                then cast(time_text as time)
            when time_text ~ '^(?:(0?[1-9]|1[0-2]):[0-5][0-9](:[0-5][0-9])? ?[AaPp][Mm])$'
                -- %%I:%%M %%p and the like: the hour of a 12-hour clock, and its minutes and seconds
                then make_time(cast(split_part(time_text, ':', 1) as integer) %% 12
                                   + case when upper(time_text) like '%%PM' then 12 else 0 end,
                               cast(substr(split_part(time_text, ':', 2), 1, 2) as integer),
                               coalesce(cast(nullif(substr(split_part(time_text, ':', 3), 1, 2), '') as integer), 0))
        end as time_of_day
    from walled
),

timed as materialized (
    -- the department's wall-clock time of each row (null when it has none)
    select
        *,
        case
            when placeholder_date then null
            when %(date_column)s::boolean
                then case when cast(occurred_wall as time) = time '00:00:00'
                          then cast(occurred_wall as date) + time_of_day end
            when offset_minutes is null or %(offsets_local)s::boolean then occurred_wall
            else timezone(%(time_zone)s::varchar, timezone('UTC', occurred_wall - offset_minutes * interval '1 minute'))
        end as occurred_at
    from clocked
),

located as (
    select
        t.*,
        -- (0, 0) and out-of-range pairs are the usual "no location" placeholders
        case when lat_raw between -90 and 90 and lon_raw between -180 and 180
                  and not (lat_raw = 0 and lon_raw = 0) then lat_raw end as latitude,
        case when lat_raw between -90 and 90 and lon_raw between -180 and 180
                  and not (lat_raw = 0 and lon_raw = 0) then lon_raw end as longitude
    from timed as t
),

offense_keys as (
    -- key and crime type once per distinct offense text, not once per row
    select k.offense_text, k.offense_key, m.crime_type_code
    from (
        select offense_text, upper(regexp_replace(offense_text, '\s+', ' ', 'g')) as offense_key
        from (select distinct coalesce(offense_description, offense) as offense_text from source) as texts
    ) as k
    left join live.offense_mappings as m on m.offense_description = k.offense_key
),

last_lines as (
    -- the last line of each incident number in the file; the rows without a number form one group
    select max(line) as last_line
    from source
    group by incident_number
),

stored as (
    -- incidents already stored (main: every row the writes would meet): these rows update by id
    select id, incident_number from main.incidents
),

final as (
    select
        l.line,
        l.incident_number,
        l.occurred_text,
        l.occurred_at,
        l.placeholder_date,
        l.occurred_wall,
        l.offset_minutes is not null and not %(date_column)s::boolean as offset_written,
        l.hour_written,
        case
            when l.occurred_at is not null then null
            when l.placeholder_date then 'placeholder date, not a real date'
            when l.occurred_text is null then case when %(date_column)s::boolean then 'no date' else 'no date/time' end
            when l.occurred_text ~ '^(?:[+-]?[0-9]+([.,][0-9]+)?)$'
                then 'a number, not a date (a workbook cell is a date when its number format is one)'
            when l.occurred_wall is null
                then case when %(date_column)s::boolean then 'date not understood' else 'date/time not understood' end
            when cast(l.occurred_wall as time) <> time '00:00:00'
                then 'the date column holds a time of day; map it as the date and time'
            else 'time not understood'
        end as occurred_problem,
        case
            when l.occurred_at is not null then null
            when not %(date_column)s::boolean then 'occurred_at'
            when l.occurred_wall is not null and not l.placeholder_date
                 and cast(l.occurred_wall as time) = time '00:00:00' then 'occurred_time'
            else 'occurred_date'
        end as occurred_field,
        l.time_text,
        l.offense,
        l.offense_description,
        k.offense_key,
        k.crime_type_code,
        l.source_district,
        cast(null as integer) as district_id,
        false as district_from_column,
        cast(null as varchar) as district_rule,
        l.address,
        l.latitude,
        l.longitude,
        l.lat_bad or l.lon_bad as location_bad,
        l.incident_number is not null and l.occurred_at is not null as ok,
        f.last_line is not null as last_in_file,
        i.id as existing_id
    from located as l
    left join last_lines as f on f.last_line = l.line
    left join offense_keys as k on k.offense_text = coalesce(l.offense_description, l.offense)
    left join stored as i on i.incident_number = l.incident_number
)

select * from final
