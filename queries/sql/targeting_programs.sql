-- targeting_programs: each program's target crime types and districts against where those crimes
-- happened in the period, and its activity in the period.
-- params: all_districts, districts, start_date, end_date (dates, inclusive)
-- columns: program_id, program, status, start_date, target_crime_types, target_districts, events,
--          attendance, events_in_targets, target_type_incidents, target_type_incidents_in_targets,
--          share_in_targets_pct, top_districts, untargeted_top_districts
with programs as (
    select id, name, status, start_date from live.programs where status <> 'archived'
),

rollup as (
    select r.district_id, r.top_district_id, d.code
    from live.district_rollup as r
    join live.districts as d on d.id = r.top_district_id
),

target_types as (
    select tt.program_id, tt.crime_type_code, t.label
    from live.program_target_crime_types as tt
    join live.crime_types as t on t.code = tt.crime_type_code
),

target_districts as (
    select td.program_id, r.top_district_id as district_id, r.code
    from live.program_target_districts as td
    join rollup as r on r.district_id = td.district_id
),

period_incidents as (
    select r.top_district_id as district_id, r.code, i.crime_type_code, count(*) as incidents
    from live.incidents as i
    join rollup as r on r.district_id = i.district_id
    where i.occurred_at >= $start_date::date and i.occurred_at < $end_date::date + interval 1 day
      and live.in_scope($all_districts, $districts, i.district_id)
    group by all
),

program_type_incidents as (
    select tt.program_id, pi.district_id, pi.code, sum(pi.incidents) as incidents
    from target_types as tt
    join period_incidents as pi on pi.crime_type_code = tt.crime_type_code
    group by all
),

ranked as (
    select *, row_number() over (partition by program_id order by incidents desc, code) as rank
    from program_type_incidents
),

events as (
    select e.program_id,
           count(*) as events,
           sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business)::bigint as attendance,
           count(*) filter (where exists (select 1 from target_districts as td
                                          join rollup as r on r.top_district_id = td.district_id
                                          where td.program_id = e.program_id and r.district_id = e.district_id))
               as events_in_targets
    from live.events as e
    where e.starts_at >= $start_date::date and e.starts_at < $end_date::date + interval 1 day
    group by 1
),

final as (
    select
        p.id as program_id,
        p.name as program,
        p.status,
        p.start_date,
        (select string_agg(label, ', ' order by label) from target_types as t where t.program_id = p.id)
            as target_crime_types,
        (select string_agg(distinct code, ', ' order by code) from target_districts as d where d.program_id = p.id)
            as target_districts,
        coalesce(e.events, 0) as events,
        coalesce(e.attendance, 0) as attendance,
        coalesce(e.events_in_targets, 0) as events_in_targets,
        coalesce((select sum(incidents)::bigint from program_type_incidents as x where x.program_id = p.id), 0)
            as target_type_incidents,
        coalesce((select sum(x.incidents)::bigint from program_type_incidents as x
                  where x.program_id = p.id
                    and x.district_id in (select district_id from target_districts as d where d.program_id = p.id)), 0)
            as target_type_incidents_in_targets,
        (select string_agg(code || ' (' || format('{:,}', incidents) || ')', ', ' order by rank) from ranked as k
          where k.program_id = p.id and k.rank <= 3) as top_districts,
        (select string_agg(code, ', ' order by rank) from ranked as k
          where k.program_id = p.id and k.rank <= 3
            and k.district_id not in (select district_id from target_districts as d where d.program_id = p.id))
            as untargeted_top_districts
    from programs as p
    left join events as e on e.program_id = p.id
)

select
    *,
    case when target_type_incidents > 0
         then round(target_type_incidents_in_targets * 100.0 / target_type_incidents, 1) end as share_in_targets_pct
from final
order by program
