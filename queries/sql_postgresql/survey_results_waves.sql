-- Generated from queries/sql/survey_results_waves.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_results_waves: the survey waves on record, newest first (by the end of their fieldwork).
-- params: none
-- columns: id, name, fieldwork_start, fieldwork_end, respondents, weighted

SELECT
  id,
  "name",
  fieldwork_start,
  fieldwork_end,
  respondents,
  weighted
FROM live.survey_waves
ORDER BY
  fieldwork_end DESC NULLS LAST,
  fieldwork_start DESC NULLS LAST,
  id DESC NULLS LAST
