-- Generated from queries/sql/metric_concerns_by_month.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_concerns_by_month: concerns received and resolved per month, and open at each month's end.
-- Same definitions as metric_concerns; every month of the period appears.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), concerns_received, concerns_resolved, concerns_open_end

WITH months AS (
  SELECT
    CAST(GENERATE_SERIES(
      CAST(CAST(DATE_TRUNC('MONTH', CAST(%(start_date)s AS DATE)) AS DATE) AS TIMESTAMP),
      CAST(CAST(%(end_date)s AS DATE) AS TIMESTAMP),
      INTERVAL '1 MONTH'
    ) AS DATE) AS month
), concerns AS (
  SELECT
    received_on,
    resolved_on
  FROM live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, %(district_id)s)
  WHERE
    received_on <= CAST(%(end_date)s AS DATE)
), arrived AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', GREATEST(received_on, CAST(%(start_date)s AS DATE))) AS DATE) AS month,
    COUNT(*) FILTER(WHERE
      received_on >= CAST(%(start_date)s AS DATE)) AS received,
    COUNT(*) AS arrived
  FROM concerns
  GROUP BY
    1
), settled AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', GREATEST(resolved_on, CAST(%(start_date)s AS DATE))) AS DATE) AS month,
    COUNT(*) FILTER(WHERE
      resolved_on >= CAST(%(start_date)s AS DATE)) AS resolved,
    COUNT(*) AS settled
  FROM concerns
  WHERE
    resolved_on <= CAST(%(end_date)s AS DATE)
  GROUP BY
    1
), final AS (
  SELECT
    m.month,
    COALESCE(a.received, 0) AS concerns_received,
    COALESCE(s.resolved, 0) AS concerns_resolved,
    CAST((
      SUM(COALESCE(a.arrived, 0)) OVER (ORDER BY m.month) - SUM(COALESCE(s.settled, 0)) OVER (ORDER BY m.month)
    ) AS BIGINT) AS concerns_open_end
  FROM months AS m
  LEFT JOIN arrived AS a
    ON a.month = m.month
  LEFT JOIN settled AS s
    ON s.month = m.month
)
SELECT
  *
FROM final
ORDER BY
  month
