-- Generated from queries/sql/incident_stage_problems.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_problems: the first rows of an incident file that cannot be imported, with why.
-- params: limit (integer)
-- columns: line, field, value, problem

WITH stage AS (
  SELECT
    *
  FROM incident_stage
), final AS (
  SELECT
    line,
    CASE WHEN incident_number IS NULL THEN 'incident_number' ELSE occurred_field END AS field,
    CASE
      WHEN incident_number IS NULL
      THEN NULL
      WHEN occurred_field = 'occurred_time'
      THEN time_text
      ELSE occurred_text
    END AS value,
    CASE
      WHEN incident_number IS NULL
      THEN 'no incident number'
      ELSE occurred_problem
    END AS problem
  FROM stage
  WHERE
    NOT ok
)
SELECT
  *
FROM final
ORDER BY
  line
LIMIT %(limit)s
