-- Generated from queries/sql/cohort_roster.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- cohort_roster: enrolments of one cohort with the participant's name.
-- params: cohort_id (integer)
-- columns: enrolment_id, version, participant, enrolled_on, ride_along_on, completed, completed_on, status

SELECT
  e.id AS enrolment_id,
  e.version,
  p.last_name || ', ' || p.first_name AS participant,
  e.enrolled_on,
  e.ride_along_on,
  e.completed,
  e.completed_on,
  e.status
FROM live.enrolments AS e
JOIN live.participants AS p
  ON p.id = e.participant_id
WHERE
  e.cohort_id = %(cohort_id)s
ORDER BY
  p.last_name,
  p.first_name,
  e.id
