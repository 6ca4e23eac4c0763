-- cohort_roster: enrolments of one cohort with the participant's name.
-- params: cohort_id (integer)
-- columns: enrolment_id, version, participant, enrolled_on, ride_along_on, completed, completed_on, status
select e.id as enrolment_id, e.version, p.last_name || ', ' || p.first_name as participant, e.enrolled_on,
       e.ride_along_on, e.completed, e.completed_on, e.status
from live.enrolments as e
join live.participants as p on p.id = e.participant_id
where e.cohort_id = $cohort_id
order by p.last_name, p.first_name, e.id
