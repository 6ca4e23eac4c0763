-- Generated from queries/sql/organizations_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- organizations_list: community organizations with their liaison and meetings attended.
-- params: org_type (varchar or null), district_id (integer or null), active_only (boolean), since (date)
-- columns: id, version, name, org_type, district, active, established_by_department, contact_name,
--          contact_phone, contact_email, liaison, meeting_schedule, meetings_since, last_meeting

WITH orgs AS (
  SELECT
    *
  FROM live.organizations
  WHERE
    (
      CAST(%(org_type)s AS TEXT) IS NULL OR org_type = %(org_type)s
    )
    AND (
      CAST(%(district_id)s AS INT) IS NULL OR district_id = %(district_id)s
    )
    AND (
      NOT %(active_only)s OR active
    )
), meetings AS (
  SELECT
    organization_id,
    COUNT(*) FILTER(WHERE
      met_on >= CAST(%(since)s AS DATE)) AS meetings_since,
    MAX(met_on) AS last_meeting
  FROM live.org_meetings
  GROUP BY
    organization_id
), final AS (
  SELECT
    o.id,
    o.version,
    o.name,
    o.org_type,
    d.code AS district,
    o.active,
    o.established_by_department,
    o.contact_name,
    o.contact_phone,
    o.contact_email,
    u.display_name AS liaison,
    o.meeting_schedule,
    COALESCE(m.meetings_since, 0) AS meetings_since,
    m.last_meeting
  FROM orgs AS o
  LEFT JOIN live.districts AS d
    ON d.id = o.district_id
  LEFT JOIN live.users AS u
    ON u.id = o.liaison_officer_id
  LEFT JOIN meetings AS m
    ON m.organization_id = o.id
  ORDER BY
    o.name
)
SELECT
  *
FROM final
