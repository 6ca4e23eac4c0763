-- Generated from queries/sql/metric_businesses.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_businesses: the business contact list as of a period's end (the businesses family), in
-- all and per district (the first row is the total, then one row per district; null = no district).
-- Verified within 12 months: verified (business_verifications) on a day after
-- (end_date - 12 months) and not after end_date. Not tied to programs: category and program
-- filters do not apply.
-- Read from the businesses and their verifications in the window, not from scoped_businesses:
-- that relation works out every business's latest verification over all time, which costs a
-- grouping of every verification ever made where the figure needs only the last 12 months'.
-- params: end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, businesses, businesses_verified_12m,
--          businesses_verified_share (0-1, null when none)

WITH verified AS (
  SELECT DISTINCT
    business_id
  FROM live.business_verifications
  WHERE
    verified_on > CAST(%(end_date)s AS DATE) - INTERVAL '12 MONTH'
    AND verified_on <= CAST(%(end_date)s AS DATE)
), counted AS (
  SELECT
    GROUPING(b.district_id) = 1 AS total,
    b.district_id,
    COUNT(*) AS businesses,
    COUNT(v.business_id) AS businesses_verified_12m
  FROM live.businesses AS b
  LEFT JOIN verified AS v
    ON v.business_id = b.id
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
    AND (
      CAST(%(district_id)s AS INT) IS NULL
      OR b.district_id = CAST(%(district_id)s AS INT)
    )
  GROUP BY
    GROUPING SETS (
      (),
      (
        b.district_id
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
