-- Generated from queries/sql/metric_businesses.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_businesses: the business contact list as of a period's end (the businesses family), in
-- all and per district (the first row is the total, then one row per district; null = no district).
-- Verified within 12 months: verified (business_verifications) on a day after
-- (end_date - 12 months) and not after end_date. Not tied to programs: category and program
-- filters do not apply.
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, businesses, businesses_verified_12m,
--          businesses_verified_share (0-1, null when none)

WITH counted AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    district_id,
    COUNT(*) AS businesses,
    COUNT(*) FILTER(WHERE
      last_verified_on > CAST(%(end_date)s AS DATE) - INTERVAL '12 MONTH'
      AND last_verified_on <= CAST(%(end_date)s AS DATE)) AS businesses_verified_12m
  FROM live.SCOPED_BUSINESSES(%(all_districts)s, %(districts)s, %(district_id)s, %(end_date)s)
  GROUP BY
    GROUPING SETS (
      (),
      (
        district_id
      )
    )
), final AS (
  SELECT
    total,
    district_id,
    businesses,
    businesses_verified_12m,
    CAST(businesses_verified_12m AS DOUBLE PRECISION) / NULLIF(businesses, 0) AS businesses_verified_share
  FROM counted
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
