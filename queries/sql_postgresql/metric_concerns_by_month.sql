-- Generated from queries/sql/metric_concerns_by_month.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_concerns_by_month: concerns received and resolved per month, and open at each month's end.
-- Same definitions as metric_concerns; every month of the period appears.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), concerns_received, concerns_resolved, concerns_open_end

WITH months AS (
  SELECT
    CAST(m AS DATE) AS month,
    GREATEST(CAST(m AS DATE), CAST(%(start_date)s AS DATE)) AS first_day,
    LEAST(
      CAST((
        m + INTERVAL '1 MONTH' - INTERVAL '1 DAY'
      ) AS DATE),
      CAST(%(end_date)s AS DATE)
    ) AS last_day
  FROM (
    SELECT
      GENERATE_SERIES(
        CAST(CAST(DATE_TRUNC('MONTH', CAST(%(start_date)s AS DATE)) AS DATE) AS TIMESTAMP),
        CAST(CAST(%(end_date)s AS DATE) AS TIMESTAMP),
        INTERVAL '1 MONTH'
      ) AS m
  ) AS from_0_query
), final AS (
  SELECT
    m.month,
    COUNT(c.id) FILTER(WHERE
      c.received_on BETWEEN m.first_day AND m.last_day) AS concerns_received,
    COUNT(c.id) FILTER(WHERE
      c.resolved_on BETWEEN m.first_day AND m.last_day) AS concerns_resolved,
    COUNT(c.id) FILTER(WHERE
      c.received_on <= m.last_day
      AND (
        c.resolved_on IS NULL OR c.resolved_on > m.last_day
      )) AS concerns_open_end
  FROM months AS m
  LEFT JOIN live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, %(district_id)s) AS c
    ON TRUE
  GROUP BY
    m.month
)
SELECT
  *
FROM final
ORDER BY
  month
