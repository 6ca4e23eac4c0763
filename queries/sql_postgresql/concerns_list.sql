-- Generated from queries/sql/concerns_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- concerns_list: community concerns with their age, for the ageing view and the work list.
-- params: all_districts (boolean), districts (list of ids), today (date), overdue_days (integer),
--         open_only (boolean), mine_only (boolean), user_id (integer or null), status (varchar or null),
--         category (varchar or null), district_id (integer or null)
-- columns: id, version, received_on, age_days, overdue, status, category, district, location, description,
--          channel, organization, reporter, assigned_to, referred_to, resolved_on, response_given
-- Officers see the concerns of their districts; with mine_only, only those they reported or hold.

WITH scoped AS (
  SELECT
    c.*
  FROM live.concerns AS c
  WHERE
    (
      live.in_scope(%(all_districts)s, %(districts)s, c.district_id)
      OR c.reported_by_id = %(user_id)s
      OR c.assigned_officer_id = %(user_id)s
    )
    AND (
      NOT %(open_only)s OR NOT c.status IN ('resolved', 'closed')
    )
    AND (
      NOT %(mine_only)s
      OR c.reported_by_id = %(user_id)s
      OR c.assigned_officer_id = %(user_id)s
    )
    AND (
      CAST(%(status)s AS TEXT) IS NULL OR c.status = %(status)s
    )
    AND (
      CAST(%(category)s AS TEXT) IS NULL OR c.category = %(category)s
    )
    AND (
      CAST(%(district_id)s AS INT) IS NULL OR c.district_id = %(district_id)s
    )
), final AS (
  SELECT
    s.id,
    s.version,
    s.received_on,
    (
      CAST(COALESCE(s.resolved_on, CAST(%(today)s AS DATE)) AS DATE) - CAST(s.received_on AS DATE)
    ) AS age_days,
    NOT s.status IN ('resolved', 'closed')
    AND (
      CAST(%(today)s AS DATE) - CAST(s.received_on AS DATE)
    ) > %(overdue_days)s AS overdue,
    s.status,
    s.category,
    d.code AS district,
    s.location,
    s.description,
    s.channel,
    o.name AS organization,
    CASE WHEN s.anonymous THEN '(anonymous)' ELSE s.reporter_name END AS reporter,
    u.display_name AS assigned_to,
    s.referred_to,
    s.resolved_on,
    s.response_given
  FROM scoped AS s
  LEFT JOIN live.districts AS d
    ON d.id = s.district_id
  LEFT JOIN live.organizations AS o
    ON o.id = s.organization_id
  LEFT JOIN live.users AS u
    ON u.id = s.assigned_officer_id
  ORDER BY
    overdue DESC NULLS LAST,
    s.received_on,
    s.id
)
SELECT
  *
FROM final
