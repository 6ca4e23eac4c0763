-- events_list: program events for the entry list, newest first, filtered and district-scoped.
-- params: all_districts (boolean), districts (list of ids), date_from (date), date_to (date),
--         program_id (integer or null), district_id (integer or null), deleted (boolean: show deleted ones instead)
-- columns: id, version, starts_at, ends_at, program, title, location, district, headcount,
--          officers, officer_hours, non_enforcement, notes, deleted_by (who deleted it, by name), deleted_at
-- (with deleted, the rows come from live.events_deleted: only admins restore them)
with candidates as (
    select * from live.events where not $deleted
    union all
    select * from live.events_deleted where $deleted
),

scoped as (
    select e.*
    from candidates as e
    where live.in_scope($all_districts, $districts, e.district_id)
      and e.starts_at >= $date_from::date and e.starts_at < $date_to::date + interval 1 day
      and ($program_id::integer is null or e.program_id = $program_id)
      and ($district_id::integer is null or e.district_id = $district_id)
),

staff as (
    select o.event_id, count(*) as officers, sum(o.hours) as officer_hours
    from live.event_officers as o
    group by o.event_id
),

final as (
    select
        s.id, s.version, s.starts_at, s.ends_at, p.name as program, s.title, s.location,
        d.code as district,
        s.headcount_youth + s.headcount_adult + s.headcount_senior + s.headcount_business as headcount,
        coalesce(st.officers, 0) as officers, coalesce(st.officer_hours, 0) as officer_hours,
        s.non_enforcement, s.notes, coalesce(u.display_name, s.deleted_by) as deleted_by, s.deleted_at
    from scoped as s
    join live.programs as p on p.id = s.program_id
    left join live.districts as d on d.id = s.district_id
    left join staff as st on st.event_id = s.id
    left join live.users as u on u.username = s.deleted_by
    order by s.starts_at desc, s.id desc
)

select * from final
