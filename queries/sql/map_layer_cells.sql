-- map_layer_cells: one point layer of the map, counted in square grid cells (dense layers are never
-- drawn point by point). A tiny cell size gives one cell per place.
-- params: all_districts, districts, layer ('events' | 'businesses' | 'concerns' | 'incidents'),
--         start_date (date), end_date (date, inclusive), crime_type (null = all), program_id (null = all),
--         cell (double, degrees)
-- columns: longitude, latitude (mean of the points in the cell), points, label (one name when the
--          cell holds a single named place, else null)
with in_scope as (
    select id from live.districts where live.in_scope($all_districts, $districts, id)
),

points as (
    select e.longitude, e.latitude, coalesce(e.title, p.name) as label
    from live.events as e
    join live.programs as p on p.id = e.program_id
    where $layer = 'events'
      and e.starts_at >= $start_date::date and e.starts_at < $end_date::date + interval 1 day
      and ($program_id::integer is null or e.program_id = $program_id)
      and e.district_id in (select id from in_scope)
    union all
    select b.longitude, b.latitude, b.name
    from live.businesses as b
    where $layer = 'businesses' and b.district_id in (select id from in_scope)
    union all
    select c.longitude, c.latitude, c.category
    from live.concerns as c
    where $layer = 'concerns'
      and c.received_on <= $end_date::date and (c.resolved_on is null or c.resolved_on > $end_date::date)
      and c.district_id in (select id from in_scope)
    union all
    select i.longitude, i.latitude, i.offense_description
    from live.incidents as i
    where $layer = 'incidents'
      and i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day
      and ($crime_type::varchar is null or i.crime_type_code = $crime_type)
      and i.district_id in (select id from in_scope)
),

final as (
    select
        avg(longitude) as longitude,
        avg(latitude) as latitude,
        count(*) as points,
        case when count(*) = 1 then min(label) end as label
    from points
    where longitude is not null and latitude is not null
    group by floor(longitude / $cell), floor(latitude / $cell)
)

select * from final
order by points desc
