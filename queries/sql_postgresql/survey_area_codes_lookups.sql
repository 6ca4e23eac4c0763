-- Generated from queries/sql/survey_area_codes_lookups.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_area_codes_lookups: the saved area lookups (what a survey's area codes are) and how many
-- codes each holds.
-- params: none
-- columns: lookup, codes

SELECT
  lookup,
  COUNT(*) AS codes
FROM live.survey_area_codes
GROUP BY
  lookup
ORDER BY
  lookup
