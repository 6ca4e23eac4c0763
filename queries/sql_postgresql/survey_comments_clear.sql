-- Generated from queries/sql/survey_comments_clear.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_comments_clear: remove a wave's free-text answers before its file is imported again.
-- params: wave_id (integer)

DELETE FROM main.survey_comments
WHERE
  wave_id = %(wave_id)s
