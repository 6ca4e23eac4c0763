-- Generated from queries/sql/enrolments_duplicate.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- enrolments_duplicate: an existing enrolment (deleted or not: the pair is unique) of a participant in a cohort.
-- params: cohort_id (integer), participant_id (integer)
-- columns: id

SELECT
  id
FROM live.enrolment_pairs
WHERE
  cohort_id = %(cohort_id)s AND participant_id = %(participant_id)s
