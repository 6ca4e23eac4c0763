-- Generated from queries/sql/metric_concerns_by_status.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_concerns_by_status: the concerns received in a period, by their current status.
-- glossary: The concerns received in the period, by where each of them stands today.
-- params: start_date, end_date (date, inclusive), all_districts (boolean), districts (list of district ids)
-- columns: status, concerns

WITH received AS (
  SELECT
    c.status
  FROM live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, NULL) AS c
  WHERE
    c.received_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
), final AS (
  SELECT
    status,
    COUNT(*) AS concerns
  FROM received
  GROUP BY
    status
  ORDER BY
    CASE status
      WHEN 'new'
      THEN 1
      WHEN 'assigned'
      THEN 2
      WHEN 'in_progress'
      THEN 3
      WHEN 'referred'
      THEN 4
      WHEN 'resolved'
      THEN 5
      ELSE 6
    END
)
SELECT
  *
FROM final
