-- Generated from queries/sql/metric_organizations.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_organizations: community organizations in one period (the organizations family), in all
-- and per district (the first row is the total, then one row per district; null = townwide).
-- New: founded on a day in the period. Active: marked active and founded on or before end_date
-- (or founding date unknown). Met: organizations with a meeting attended by an officer in the
-- period. Townwide organizations (no district) count only when no district is chosen and the
-- reader sees all districts. Category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, organizations_new, organizations_active,
--          organizations_met, org_meetings

WITH met AS (
  SELECT
    m.organization_id,
    COUNT(*) AS meetings
  FROM live.org_meetings AS m
  WHERE
    m.met_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)
  GROUP BY
    m.organization_id
), final AS (
  SELECT
    GROUPING(o.district_id) = 1 AS total,
    o.district_id,
    COUNT(*) FILTER(WHERE
      o.founded_on BETWEEN CAST(%(start_date)s AS DATE) AND CAST(%(end_date)s AS DATE)) AS organizations_new,
    COUNT(*) FILTER(WHERE
      o.active
      AND (
        o.founded_on IS NULL OR o.founded_on <= CAST(%(end_date)s AS DATE)
      )) AS organizations_active,
    COUNT(met.organization_id) AS organizations_met,
    CAST(COALESCE(SUM(met.meetings), 0) AS BIGINT) AS org_meetings
  FROM live.SCOPED_ORGANIZATIONS(%(all_districts)s, %(districts)s, %(district_id)s) AS o
  LEFT JOIN met
    ON met.organization_id = o.id
  GROUP BY
    GROUPING SETS (
      (),
      (
        o.district_id
      )
    )
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
