-- enrolments_duplicate: an existing enrolment (deleted or not: the pair is unique) of a participant in a cohort.
-- params: cohort_id (integer), participant_id (integer)
-- columns: id
select id from live.enrolment_pairs where cohort_id = $cohort_id and participant_id = $participant_id
