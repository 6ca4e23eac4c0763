-- Generated from queries/sql/metric_business_currency.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_business_currency: per district, how current the business contact list is at a date.
-- "Verified within 12 months" means a verification (business_verifications) in
-- (period_end - 12 months, period_end]; "never verified" means none on or before period_end.
-- Counts the businesses listed now (not deleted) and their current contact persons: the list has no
-- history, and imported or demo businesses are created long after they opened. A check after
-- period_end does not count for that period. Used by the Businesses page, the command overview and
-- the monthly report, so all three show the same figures.
-- params: period_end (date), all_districts (boolean), districts (list of district ids)
-- columns: district_id, district_code, district_name (null: businesses without a district),
--          businesses, verified_12m, share_verified_12m (0-1 or null when no businesses),
--          with_after_hours, share_after_hours (0-1 or null), never_verified

WITH scoped AS (
  SELECT
    b.id,
    b.district_id,
    l.verified_on AS last_verified_on
  FROM live.businesses AS b
  LEFT JOIN live.BUSINESS_LAST_CHECKS(CAST(%(period_end)s AS DATE)) AS l
    ON l.business_id = b.id
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
), after_hours AS (
  SELECT DISTINCT
    c.business_id
  FROM live.business_contacts AS c
  WHERE
    c.after_hours
), districts AS (
  SELECT
    d.id,
    d.code,
    d.name
  FROM live.districts AS d
  WHERE
    d.kind = 'district' AND live.in_scope(%(all_districts)s, %(districts)s, d.id)
), per_business AS (
  SELECT
    s.district_id,
    (
      s.last_verified_on > CAST(%(period_end)s AS DATE) - INTERVAL '12 MONTH'
      AND s.last_verified_on <= CAST(%(period_end)s AS DATE)
    ) AS verified,
    s.last_verified_on IS NULL AS never_verified,
    NOT ah.business_id IS NULL AS has_after_hours
  FROM scoped AS s
  LEFT JOIN after_hours AS ah
    ON ah.business_id = s.id
), counted AS (
  SELECT
    district_id,
    COUNT(*) AS businesses,
    COUNT(*) FILTER(WHERE
      verified) AS verified_12m,
    COUNT(*) FILTER(WHERE
      has_after_hours) AS with_after_hours,
    COUNT(*) FILTER(WHERE
      never_verified) AS never_verified
  FROM per_business
  GROUP BY
    district_id
), final AS (
  SELECT
    COALESCE(d.id, c.district_id) AS district_id,
    d.code AS district_code,
    d.name AS district_name,
    COALESCE(c.businesses, 0) AS businesses,
    COALESCE(c.verified_12m, 0) AS verified_12m,
    CAST(c.verified_12m AS DOUBLE PRECISION) / NULLIF(c.businesses, 0) AS share_verified_12m,
    COALESCE(c.with_after_hours, 0) AS with_after_hours,
    CAST(c.with_after_hours AS DOUBLE PRECISION) / NULLIF(c.businesses, 0) AS share_after_hours,
    COALESCE(c.never_verified, 0) AS never_verified
  FROM districts AS d
  FULL OUTER JOIN counted AS c
    ON c.district_id = d.id
)
SELECT
  *
FROM final
ORDER BY
  district_code
