-- incident_stage_summary: what an incident file holds, counted over the staged rows.
-- params: none (reads the temp table incident_stage)
-- columns: rows_read, rows_ok, no_number, bad_date, placeholder_date, duplicates_in_file, existing, without_location,
--          location_bad, district_from_column, needs_locating, unmapped_rows, unmapped_offenses
with stage as (
    select * from incident_stage
),

final as (
    select
        count(*) as rows_read,
        count(*) filter (where ok and last_in_file) as rows_ok,
        count(*) filter (where incident_number is null) as no_number,
        count(*) filter (where incident_number is not null and occurred_at is null and not placeholder_date)
            as bad_date,
        count(*) filter (where incident_number is not null and placeholder_date) as placeholder_date,
        count(*) filter (where ok and not last_in_file) as duplicates_in_file,
        count(*) filter (where ok and last_in_file and existing_id is not null) as existing,
        count(*) filter (where ok and last_in_file and latitude is null) as without_location,
        count(*) filter (where ok and last_in_file and location_bad) as location_bad,
        count(*) filter (where ok and last_in_file and district_from_column) as district_from_column,
        count(*) filter (where ok and last_in_file and not district_from_column and latitude is not null)
            as needs_locating,
        count(*) filter (where ok and last_in_file and crime_type_code is null) as unmapped_rows,
        count(distinct offense_key) filter (where ok and last_in_file and crime_type_code is null)
            as unmapped_offenses
    from stage
)

select * from final
