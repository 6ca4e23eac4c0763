-- incident_stage_offset_hours: do the file's UTC offsets look wrong? Over the staged rows to be
-- imported whose time carries an offset and whose hour column (HOUR) holds an hour: how many there
-- are, and on how many that hour equals the hour as written and the hour as stored (converted,
-- unless the offsets were read as local time). A file writing '+00' on local times matches the
-- written hour on every row and the converted one on none.
-- params: none (reads the temp table incident_stage)
-- columns: checked, as_written, as_stored
with stage as (
    select occurred_wall, occurred_at, hour_written
    from incident_stage
    where ok and last_in_file and offset_written and hour_written is not null
),

final as (
    select
        count(*) as checked,
        count(*) filter (where hour_written = hour(occurred_wall)) as as_written,
        count(*) filter (where hour_written = hour(occurred_at)) as as_stored
    from stage
)

select * from final
