-- Generated from queries/sql/survey_comments_insert.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_comments_insert: a wave's free-text answers, from the importer's rows (temp view
-- survey_comment_rows: respondent, question, answer).
-- params: wave_id (integer)

INSERT INTO main.survey_comments (
  wave_id,
  respondent,
  question,
  answer
)
SELECT
  CAST(%(wave_id)s AS INT),
  respondent,
  question,
  answer
FROM survey_comment_rows
