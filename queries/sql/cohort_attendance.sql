-- cohort_attendance: stored attendance cells of one cohort (enrolment x session).
-- params: cohort_id (integer)
-- columns: enrolment_id, event_id, present, version
select r.enrolment_id, r.event_id, r.present, r.version
from live.roster_attendance as r
join live.enrolments as e on e.id = r.enrolment_id
where e.cohort_id = $cohort_id
