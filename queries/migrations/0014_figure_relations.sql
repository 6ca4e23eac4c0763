-- 0014_figure_relations: the rows a figure counts, written once for every query that counts them.
--
-- A reader sees the districts of their scope: every district (all_districts) or the list of
-- district ids they are assigned (districts); a record without a district is seen only with every
-- district. The figures narrow that further by a chosen district, program category and program,
-- each null for all. These macros are that rule and the rows it keeps; the figure and list
-- queries (queries/sql) select from them with their bound parameters. Macros are kept in the
-- database file (and in its backups), and are expanded into the query that calls them, so each
-- query is planned as if the filter were written in it. A database that serves several processes
-- on PostgreSQL has the same relations as SQL functions returning a set of rows.

-- The reader's scope, for one district id (null: a record of no single district).
create macro live.in_scope(all_districts, districts, of_district) as
    all_districts or list_contains(districts, of_district);

-- Program events that start on a day of the period, in the reader's scope, narrowed by district,
-- program category and program (null: all); with the program's category.
create macro live.scoped_events(all_districts, districts, period_start, period_end,
                                only_district, only_category, only_program) as table
    select e.*, p.category
    from live.events as e
    inner join live.programs as p on p.id = e.program_id
    where e.starts_at::date between period_start::date and period_end::date
      and live.in_scope(all_districts, districts, e.district_id)
      and (only_district::integer is null or e.district_id = only_district::integer)
      and (only_category::varchar is null or p.category = only_category::varchar)
      and (only_program::integer is null or e.program_id = only_program::integer);

-- Course cohorts with a session held in the reader's scope and the chosen district (null: all):
-- a cohort's completions and its end belong to the districts where its sessions were held.
create macro live.scoped_cohorts(all_districts, districts, only_district) as table
    select c.*
    from live.course_cohorts as c
    where exists (
        select 1 from live.events as e
        where e.cohort_id = c.id
          and live.in_scope(all_districts, districts, e.district_id)
          and (only_district::integer is null or e.district_id = only_district::integer)
    );

-- Contact-log entries dated in the period, in the reader's scope and the chosen district.
create macro live.scoped_contacts(all_districts, districts, period_start, period_end, only_district) as table
    select c.*
    from live.contact_log as c
    where c.contact_date between period_start::date and period_end::date
      and live.in_scope(all_districts, districts, c.district_id)
      and (only_district::integer is null or c.district_id = only_district::integer);

-- Community concerns (any date) in the reader's scope and the chosen district.
create macro live.scoped_concerns(all_districts, districts, only_district) as table
    select c.*
    from live.concerns as c
    where live.in_scope(all_districts, districts, c.district_id)
      and (only_district::integer is null or c.district_id = only_district::integer);

-- Community organizations in the reader's scope and the chosen district.
create macro live.scoped_organizations(all_districts, districts, only_district) as table
    select o.*
    from live.organizations as o
    where live.in_scope(all_districts, districts, o.district_id)
      and (only_district::integer is null or o.district_id = only_district::integer);

-- Businesses on the list in the reader's scope and the chosen district, each with its latest
-- verification on or before as_of (last_verified_on, null when never verified by then).
create macro live.scoped_businesses(all_districts, districts, only_district, as_of) as table
    select b.* replace (l.verified_on as last_verified_on)
    from live.businesses as b
    left join live.business_last_checks(as_of::date) as l on l.business_id = b.id
    where live.in_scope(all_districts, districts, b.district_id)
      and (only_district::integer is null or b.district_id = only_district::integer);

-- Program events per top-level district (a beat's events count in its district) that start on a
-- day of the period, of one program (null: all), whatever the reader's scope (the map and the
-- targeting screens keep their districts): events and attendance.
create macro live.events_by_top_district(period_start, period_end, only_program) as table
    select r.top_district_id as district_id,
           count(*) as events,
           sum(e.headcount_youth + e.headcount_adult + e.headcount_senior + e.headcount_business)::bigint as attendance
    from live.events as e
    inner join live.district_rollup as r on r.district_id = e.district_id
    where e.starts_at >= period_start::date and e.starts_at < period_end::date + interval 1 day
      and (only_program::integer is null or e.program_id = only_program::integer)
    group by r.top_district_id;
