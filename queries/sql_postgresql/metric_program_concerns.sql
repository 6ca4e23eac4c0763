-- Generated from queries/sql/metric_program_concerns.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_program_concerns: the community concerns raised where a program works, by category, in one period.
-- Concerns received in the period in one of the program's target districts (whatever their category).
-- Resolved: those of them resolved or closed by end_date.
-- glossary: Community concerns received in the year in the program's target districts, by category,
--   and how many of them were resolved or closed by the end of the year.
-- params: start_date, end_date (date); program_id (integer); all_districts, districts
-- columns: category, received, resolved

WITH target_districts AS (
  SELECT
    district_id
  FROM live.program_target_districts
  WHERE
    program_id = CAST(%(program_id)s AS INT)
    AND live.in_scope(%(all_districts)s, %(districts)s, district_id)
), received AS (
  SELECT
    c.category,
    c.resolved_on
  FROM live.concerns AS c
  INNER JOIN target_districts AS t
    ON t.district_id = c.district_id
  WHERE
    c.received_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
), final AS (
  SELECT
    category,
    COUNT(*) AS received,
    COUNT(*) FILTER(WHERE
      NOT resolved_on IS NULL AND resolved_on <= CAST(%(end_date)s AS DATE)) AS resolved
  FROM received
  GROUP BY
    category
)
SELECT
  *
FROM final
ORDER BY
  received DESC NULLS LAST,
  category
