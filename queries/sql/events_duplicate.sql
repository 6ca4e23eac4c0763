-- events_duplicate: a stored event that is the same event as the one being saved (not the one being
-- edited). Two events are the same when their program, start and district agree and so does their
-- place: the location and address (ignoring case and runs of spaces); when neither names a place, the
-- title. A city's beat meetings of one program at 18:30 in many beats are many events.
-- params: program_id (integer), starts_at (timestamp), exclude_id (integer or null),
--         district_id (integer or null), location, address, title (varchar or null)
-- columns: id
with given as (
    select
        lower(trim(regexp_replace(coalesce($location::varchar, '') || ' ' || coalesce($address::varchar, ''),
                                  '\s+', ' ', 'g'))) as place,
        lower(trim(regexp_replace(coalesce($title::varchar, ''), '\s+', ' ', 'g'))) as title
),

candidates as (
    select
        id,
        lower(trim(regexp_replace(coalesce(location, '') || ' ' || coalesce(address, ''), '\s+', ' ', 'g'))) as place,
        lower(trim(regexp_replace(coalesce(title, ''), '\s+', ' ', 'g'))) as title
    from live.events
    where program_id = $program_id and starts_at = $starts_at
      and district_id is not distinct from $district_id::integer
      and ($exclude_id::integer is null or id <> $exclude_id::integer)
),

final as (
    select c.id
    from candidates as c, given as g
    where c.place = g.place and (g.place <> '' or c.title = g.title)
)

select id from final
order by id
limit 1
