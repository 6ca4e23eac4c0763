-- metric_survey_record: what is on record in one period for each problem a survey wave asks about,
-- in all and per district (the first row of a subject is the total, then one row per district):
-- incidents of that crime type and community concerns of that category, beside the district's
-- residents. A subject is a crime type or a concern category; incidents are placed in a crime type
-- by the offense mapping, and incidents and concerns count in the top district of the district they
-- lie in (those in no district are left out). Per 1,000 residents: the count divided by the
-- district's population, times 1,000; a district with no population on record has no rate, and the
-- all-district rate counts only the districts with a population.
-- glossary: Recorded per 1,000 residents: the crime incidents of the problem's crime type that
--   occurred in the period, and the community concerns of the problem's category received in the
--   period, divided by the district's residents and multiplied by 1,000. Incidents and concerns
--   placed in no district are left out; a district whose population is not on record has no rate.
--   A district is listed as a candidate for a program where residents rate a problem serious more
--   often than in all districts together, by more than the district's margin of error, while at
--   least a quarter fewer are on record per 1,000 residents than in all districts together; and the
--   reverse: rated serious less often, by more than the margin, while at least a quarter more are
--   on record.
-- params: wave_id (integer); start_date, end_date (date, inclusive); all_districts, districts
-- columns: subject, district_id (null on the total row), total (true on a subject's first row),
--          population, incidents, concerns, incidents_per_1000, concerns_per_1000, recorded_per_1000
with subjects as (
    select distinct subject
    from live.survey_answers
    where wave_id = $wave_id::integer and measure = 'problem'
),

districts as (
    select d.id as district_id, d.population
    from live.districts as d
    where d.kind = 'district'
      and live.in_scope($all_districts, $districts, d.id)
),

incidents as (
    select r.top_district_id as district_id, i.crime_type_code as subject, count(*) as incidents
    from live.incidents as i
    inner join live.district_rollup as r on r.district_id = i.district_id
    where i.occurred_at::date between $start_date::date and $end_date::date
      and i.crime_type_code in (select subject from subjects)
      and live.in_scope($all_districts, $districts, i.district_id)
    group by r.top_district_id, i.crime_type_code
),

concerns as (
    select r.top_district_id as district_id, c.category as subject, count(*) as concerns
    from live.scoped_concerns($all_districts, $districts, null) as c
    inner join live.district_rollup as r on r.district_id = c.district_id
    where c.received_on between $start_date::date and $end_date::date
      and c.category in (select subject from subjects)
    group by r.top_district_id, c.category
),

per_district as (
    select
        s.subject,
        d.district_id,
        d.population,
        coalesce(i.incidents, 0) as incidents,
        coalesce(c.concerns, 0) as concerns
    from subjects as s
    cross join districts as d
    left join incidents as i on i.district_id = d.district_id and i.subject = s.subject
    left join concerns as c on c.district_id = d.district_id and c.subject = s.subject
),

rolled as (
    select
        grouping(district_id) = 1 as total,
        subject,
        district_id,
        sum(population) as population,
        sum(incidents) as incidents,
        sum(concerns) as concerns,
        sum(incidents) filter (where population > 0) as counted_incidents,
        sum(concerns) filter (where population > 0) as counted_concerns,
        sum(population) filter (where population > 0) as counted_population
    from per_district
    group by grouping sets ((subject), (subject, district_id))
),

final as (
    select
        subject,
        district_id,
        total,
        population::bigint as population,
        incidents::bigint as incidents,
        concerns::bigint as concerns,
        1000.0 * counted_incidents / counted_population as incidents_per_1000,
        1000.0 * counted_concerns / counted_population as concerns_per_1000,
        1000.0 * (counted_incidents + counted_concerns) / counted_population as recorded_per_1000
    from rolled
)

select * from final
order by subject, total desc, district_id
