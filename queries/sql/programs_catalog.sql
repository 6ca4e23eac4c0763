-- programs_catalog: the program catalog with targets and recent activity, filtered.
-- params: category (varchar or null), status (varchar or null), district_id (integer or null),
--         crime_type (varchar or null), since (date: events counted from this day)
-- columns: id, version, name, category, delivery_kind, status, lead_officer, start_date, end_date,
--          districts, crime_types, measures, partners, events_since, people_since
with programs as (
    select * from live.programs
    where ($category::varchar is null or category = $category)
      and ($status::varchar is null or status = $status)
      and ($district_id::integer is null or id in (select program_id from live.program_target_districts
                                           where district_id = $district_id))
      and ($crime_type::varchar is null or id in (select program_id from live.program_target_crime_types
                                          where crime_type_code = $crime_type))
),

districts as (
    select t.program_id, string_agg(d.code, ', ' order by d.code) as districts
    from live.program_target_districts as t
    join live.districts as d on d.id = t.district_id
    group by t.program_id
),

crime as (
    select program_id, string_agg(crime_type_code, ', ' order by crime_type_code) as crime_types
    from live.program_target_crime_types
    group by program_id
),

measures as (
    select program_id, string_agg(measure_code, ', ' order by measure_code) as measures
    from live.program_outcome_measures
    group by program_id
),

partners as (
    select program_id, count(*) as partners from live.program_partners group by program_id
),

activity as (
    select program_id, count(*) as events_since,
           sum(headcount_youth + headcount_adult + headcount_senior + headcount_business) as people_since
    from live.events
    where starts_at >= $since::date
    group by program_id
),

final as (
    select p.id, p.version, p.name, p.category, p.delivery_kind, p.status, u.display_name as lead_officer,
           p.start_date, p.end_date, d.districts, c.crime_types, m.measures,
           coalesce(pa.partners, 0) as partners, coalesce(a.events_since, 0) as events_since,
           coalesce(a.people_since, 0) as people_since
    from programs as p
    left join live.users as u on u.id = p.lead_officer_id
    left join districts as d on d.program_id = p.id
    left join crime as c on c.program_id = p.id
    left join measures as m on m.program_id = p.id
    left join partners as pa on pa.program_id = p.id
    left join activity as a on a.program_id = p.id
    order by p.status = 'archived', p.name
)

select * from final
