-- course_cohorts_by_name: a live cohort by its name (case-insensitive), for participant imports.
-- params: cohort_name (varchar)
-- columns: id, name
select id, name from live.course_cohorts where lower(name) = lower(trim($cohort_name)) order by start_date desc limit 1
