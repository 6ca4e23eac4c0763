-- incident_stage: parse an incident file (the temp view incident_source, one varchar column per
-- field, see core/incident_import.py) into the temp table incident_stage.
-- Date/times: the common formats (ISO, Y/m/d, US m/d/Y and m/d/y with 24-hour or AM/PM clock,
-- d-Mon-Y, 'Jan 5, 2023'), stored as the department's wall-clock time:
-- a time with a UTC offset (+00, -05:00, +0530, Z) is converted to the zone $time_zone; a time
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
create or replace temp table incident_stage as
with source as materialized (
    -- read and numbered once, on one thread (row_number over the file's order); the three readers
    -- below then scan the result in parallel
    select
        row_number() over () + 1 as line,       -- line 1 is the header
        nullif(trim(incident_number), '') as incident_number,
        coalesce(nullif(trim(occurred_at), ''), nullif(trim(occurred_date), '')) as occurred_text,
        nullif(trim(occurred_time), '') as time_text,
        nullif(trim(offense), '') as offense,
        nullif(trim(description), '') as offense_description,
        nullif(trim(district), '') as source_district,
        nullif(trim(address), '') as address,
        try_cast(trim(hour_written) as double) as hour_written,
        try_cast(nullif(trim(latitude), '') as double) as lat_raw,
        try_cast(nullif(trim(longitude), '') as double) as lon_raw,
        nullif(trim(latitude), '') is not null and try_cast(nullif(trim(latitude), '') as double) is null as lat_bad,
        nullif(trim(longitude), '') is not null and try_cast(nullif(trim(longitude), '') as double) is null as lon_bad
    from incident_source
),

offsets as (
    select
        *,
        -- the regex only where an offset can be (a final Z, a '+', or a '-' after the first ':'):
        -- the other rows have none
        case
            when ends_with(occurred_text, 'Z') or contains(occurred_text, '+')
                 or contains(substr(occurred_text, strpos(occurred_text, ':')), '-')
                then nullif(regexp_extract(occurred_text, '\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)$', 1), '')
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

wall as (
    -- dispatch on the text's shape to one format each: a list of formats per row is far slower.
    -- The patterns exclude each other, so their order does not change the result; a cheap look at
    -- the 5th character and at '/' first narrows each row to the few patterns that can match it.
    -- (A 'Jan 5, 2024' text holding a '/' falls in the '/' group: no month format reads a '/'.)
    select
        *,
        case
            when substr(occurred_clean, 5, 1) = '-' then case
                when regexp_full_match(occurred_clean, '\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?')
                    then try_cast(replace(occurred_clean, 'T', ' ') as timestamp)
                when regexp_full_match(occurred_clean, '\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm]')
                    then try_strptime(upper(occurred_clean), ['%Y-%m-%d %I:%M:%S %p', '%Y-%m-%d %I:%M %p',
                                                              '%Y-%m-%d %I:%M:%S%p', '%Y-%m-%d %I:%M%p'])
            end
            when contains(occurred_clean, '/') then case
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} ?[AaPp][Mm]')
                    then try_strptime(upper(occurred_clean), ['%m/%d/%Y %I:%M %p', '%m/%d/%Y %I:%M%p'])
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} ?[AaPp][Mm]')
                    then try_strptime(upper(occurred_clean), ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M:%S%p'])
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}')
                    then try_strptime(occurred_clean, '%m/%d/%Y %H:%M')
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}')
                    then try_strptime(occurred_clean, '%m/%d/%Y %H:%M:%S')
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{4}')
                    then try_strptime(occurred_clean, '%m/%d/%Y')
                when regexp_full_match(occurred_clean, '\d{1,2}/\d{1,2}/\d{2}( \d{1,2}:\d{2})?( ?[AaPp][Mm])?')
                    then try_strptime(upper(occurred_clean), ['%m/%d/%y', '%m/%d/%y %H:%M', '%m/%d/%y %I:%M %p'])
                when regexp_full_match(occurred_clean, '\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})? ?[AaPp][Mm]')
                    then try_strptime(upper(occurred_clean), ['%Y/%m/%d %I:%M:%S %p', '%Y/%m/%d %I:%M %p',
                                                              '%Y/%m/%d %I:%M:%S%p', '%Y/%m/%d %I:%M%p'])
                when regexp_full_match(occurred_clean, '\d{4}/\d{1,2}/\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?')
                    then try_cast(replace(occurred_clean, '/', '-') as timestamp)
            end
            else case
                when regexp_full_match(occurred_clean, '\d{1,2}-[A-Za-z]{3}-\d{4}( \d{1,2}:\d{2})?')
                    then try_strptime(occurred_clean, ['%d-%b-%Y', '%d-%b-%Y %H:%M'])
                when regexp_full_match(occurred_clean, '[A-Za-z]+\.? \d{1,2}, \d{4}.*')
                    then try_strptime(replace(occurred_clean, '.', ''), ['%b %d, %Y', '%B %d, %Y', '%b %d, %Y %I:%M %p',
                                                                         '%B %d, %Y %I:%M %p'])
            end
        end as occurred_wall
    from parsed
),

clocked as (
    select
        *,
        case
            when occurred_wall is not null
                then cast(occurred_wall as date) in (date '1970-01-01', date '1900-01-01', date '1899-12-30',
                                                     date '1899-12-31')
            else coalesce(regexp_full_match(
                occurred_clean, '(1900[-/]0?1[-/]00|0?1/0?0/(1900|00)|0000-00-00|00/00/0000)([ T].*)?'), false)
        end as placeholder_date,
        case
            when time_text is null then time '00:00:00'
            when regexp_full_match(time_text, '[0-9]{1,4}')
                then case when cast(time_text as integer) // 100 < 24 and cast(time_text as integer) % 100 < 60
                          then make_time(cast(time_text as integer) // 100, cast(time_text as integer) % 100, 0)
                     end
            when regexp_full_match(time_text, '([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?')
                then try_cast(time_text as time)
            when regexp_full_match(time_text, '(0?[1-9]|1[0-2]):[0-5][0-9](:[0-5][0-9])? ?[AaPp][Mm]')
                then cast(try_strptime(upper(time_text), ['%I:%M %p', '%I:%M%p', '%I:%M:%S %p', '%I:%M:%S%p'])
                          as time)
        end as time_of_day
    from wall
),

timed as (
    -- the department's wall-clock time of each row (null when it has none)
    select
        *,
        case
            when placeholder_date then null
            when $date_column::boolean
                then case when cast(occurred_wall as time) = time '00:00:00'
                          then cast(occurred_wall as date) + time_of_day end
            when offset_minutes is null or $offsets_local::boolean then occurred_wall
            else timezone($time_zone::varchar, timezone('UTC', occurred_wall - to_minutes(offset_minutes)))
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
    -- key and crime type once per distinct offense text, not once per row: a file holds a few
    -- hundred spellings, and the whitespace regex over a million rows cost more than the join
    select k.offense_text, k.offense_key, m.crime_type_code
    from (
        select offense_text, upper(regexp_replace(offense_text, '\s+', ' ', 'g')) as offense_key
        from (select distinct coalesce(offense_description, offense) as offense_text from source)
    ) as k
    left join live.offense_mappings as m on m.offense_description = k.offense_key
),

last_lines as (
    -- the last line of each incident number in the file; the rows without a number form one group
    -- (never imported: their last line only counts as "last"). An aggregate joined back on the
    -- integer line is quicker than a window or a join on the number.
    select max(line) as last_line
    from source
    group by incident_number
),

stored as (
    -- incidents already stored (main: every row the writes would meet): these rows update by id,
    -- the others are inserted
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
        l.offset_minutes is not null and not $date_column::boolean as offset_written,
        l.hour_written,
        case
            when l.occurred_at is not null then null
            when l.placeholder_date then 'placeholder date, not a real date'
            when l.occurred_text is null then case when $date_column::boolean then 'no date' else 'no date/time' end
            when regexp_full_match(l.occurred_text, '[+-]?[0-9]+([.,][0-9]+)?')
                then 'a number, not a date (a workbook cell is a date when its number format is one)'
            when l.occurred_wall is null
                then case when $date_column::boolean then 'date not understood' else 'date/time not understood' end
            when cast(l.occurred_wall as time) <> time '00:00:00'
                then 'the date column holds a time of day; map it as the date and time'
            else 'time not understood'
        end as occurred_problem,
        case
            when l.occurred_at is not null then null
            when not $date_column::boolean then 'occurred_at'
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
        null::integer as district_id,
        false as district_from_column,
        null::varchar as district_rule,
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
