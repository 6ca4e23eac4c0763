-- Generated from queries/sql/cohort_attendance.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- cohort_attendance: stored attendance cells of one cohort (enrolment x session).
-- params: cohort_id (integer)
-- columns: enrolment_id, event_id, present, version

SELECT
  r.enrolment_id,
  r.event_id,
  r.present,
  r.version
FROM live.roster_attendance AS r
JOIN live.enrolments AS e
  ON e.id = r.enrolment_id
WHERE
  e.cohort_id = %(cohort_id)s
