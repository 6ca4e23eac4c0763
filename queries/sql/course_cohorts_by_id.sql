-- course_cohorts_by_id: one live cohort with its enrolment count.
-- params: id (integer)
-- columns: every course_cohorts column, enrolled
select c.*, (select count(*) from live.enrolments as e where e.cohort_id = c.id and e.status <> 'withdrawn') as enrolled
from live.course_cohorts as c
where c.id = $id
