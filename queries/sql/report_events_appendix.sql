-- report_events_appendix: every event held in a period, for the report's appendix.
-- glossary: Every program event held in the period, with its date, time, program, district, attendance,
--   officers and officer-hours.
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: event_id, date, time, program, title, district, location, attendance, officers, officer_hours
with period_events as (
    select e.*
    from live.events as e
    where e.starts_at >= $start_date::date and e.starts_at < $end_date::date + interval 1 day
      and live.in_scope($all_districts, $districts, e.district_id)
),

staffing as (
    select eo.event_id, count(*) as officers, sum(eo.hours) as officer_hours
    from live.event_officers as eo
    group by eo.event_id
),

final as (
    select
        e.id as event_id,
        strftime(e.starts_at, '%Y-%m-%d') as date,
        strftime(e.starts_at, '%H:%M') as time,
        p.name as program,
        coalesce(e.title, p.name) as title,
        d.code as district,
        e.location,
        e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business as attendance,
        coalesce(s.officers, 0) as officers,
        coalesce(s.officer_hours, 0) as officer_hours
    from period_events as e
    join live.programs as p on p.id = e.program_id
    left join live.districts as d on d.id = e.district_id
    left join staffing as s on s.event_id = e.id
    order by e.starts_at, p.name, e.id
)

select * from final
