-- incident_stage_coordinates: the coordinate cells of each row of an incident file (the temp view
-- incident_source, one varchar column per field), numbered like incident_stage's lines, for the
-- importer to judge (core/coordinates.py) and write back. Numbers are read here, thousands
-- separators dropped, as core/coordinates.numbers reads them; the location text is read there.
-- params: none
-- columns: line, latitude, longitude, x, y (double; null when blank or not a number), location
--          (trimmed text), not_number (a latitude, longitude, x or y cell written that is not a number)
with cells as (
    select
        row_number() over () + 1 as line,       -- line 1 is the header, as in incident_stage
        nullif(trim(latitude), '') as latitude,
        nullif(trim(longitude), '') as longitude,
        nullif(trim(location), '') as location,
        nullif(trim(x), '') as x,
        nullif(trim(y), '') as y
    from incident_source
),

final as (
    select
        line,
        try_cast(replace(latitude, ',', '') as double) as latitude,
        try_cast(replace(longitude, ',', '') as double) as longitude,
        try_cast(replace(x, ',', '') as double) as x,
        try_cast(replace(y, ',', '') as double) as y,
        location,
        (latitude is not null and try_cast(replace(latitude, ',', '') as double) is null)
            or (longitude is not null and try_cast(replace(longitude, ',', '') as double) is null)
            or (x is not null and try_cast(replace(x, ',', '') as double) is null)
            or (y is not null and try_cast(replace(y, ',', '') as double) is null) as not_number
    from cells
)

select * from final
