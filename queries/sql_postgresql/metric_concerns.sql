-- Generated from queries/sql/metric_concerns.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_concerns: community concerns and the department's response in one period (concerns family),
-- in all and per district (the first row is the total, then one row per district; null = no district).
-- Received: received_on in the period. Resolved: resolved_on (resolved or closed) in the period.
-- Still open at the end: received on or before end_date and not resolved by end_date.
-- Median days to resolve: median of (resolved_on - received_on) over the concerns resolved in the
-- period (null when none). Not tied to programs: category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, concerns_received, concerns_resolved,
--          concerns_open_end, median_days_to_resolve

WITH final AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    district_id,
    COUNT(*) FILTER(WHERE
      received_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS concerns_received,
    COUNT(*) FILTER(WHERE
      resolved_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS concerns_resolved,
    COUNT(*) FILTER(WHERE
      received_on <= CAST(%(end_date)s AS DATE)
      AND (
        resolved_on IS NULL OR resolved_on > CAST(%(end_date)s AS DATE)
      )) AS concerns_open_end,
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY
      resolved_on - received_on) FILTER(WHERE
      resolved_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS median_days_to_resolve
  FROM live.SCOPED_CONCERNS(%(all_districts)s, %(districts)s, %(district_id)s)
  GROUP BY
    GROUPING SETS (
      (),
      (
        district_id
      )
    )
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
