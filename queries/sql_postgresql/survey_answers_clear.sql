-- Generated from queries/sql/survey_answers_clear.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_answers_clear: remove a wave's answers before its file is imported again.
-- params: wave_id (integer)

DELETE FROM main.survey_answers
WHERE
  wave_id = %(wave_id)s
