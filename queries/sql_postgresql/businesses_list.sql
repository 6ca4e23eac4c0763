-- Generated from queries/sql/businesses_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- businesses_list: the business contact list within the caller's district scope, for the grid.
-- params: all_districts (boolean), districts (list of district ids), today (date)
-- columns: id, version, name, dba, address, category, main_phone, district_id, district_code,
--          latitude, longitude, outside_districts, notes, last_verified_on, last_verified_by (by name),
--          overdue (not verified in the 12 months up to today), contacts, after_hours_contacts

WITH scoped AS (
  SELECT
    b.*
  FROM live.businesses AS b
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
), contact_counts AS (
  SELECT
    c.business_id,
    COUNT(*) AS contacts,
    COUNT(*) FILTER(WHERE
      c.after_hours) AS after_hours_contacts
  FROM live.business_contacts AS c
  GROUP BY
    c.business_id
), final AS (
  SELECT
    s.id,
    s.version,
    s.name,
    s.dba,
    s.address,
    s.category,
    s.main_phone,
    s.district_id,
    d.code AS district_code,
    s.latitude,
    s.longitude,
    s.outside_districts,
    s.notes,
    s.last_verified_on,
    COALESCE(u.display_name, s.last_verified_by) AS last_verified_by,
    (
      s.last_verified_on IS NULL
      OR s.last_verified_on <= CAST(%(today)s AS DATE) - INTERVAL '12 MONTH'
    ) AS overdue,
    COALESCE(cc.contacts, 0) AS contacts,
    COALESCE(cc.after_hours_contacts, 0) AS after_hours_contacts
  FROM scoped AS s
  LEFT JOIN live.districts AS d
    ON d.id = s.district_id
  LEFT JOIN contact_counts AS cc
    ON cc.business_id = s.id
  LEFT JOIN live.users AS u
    ON u.username = s.last_verified_by
)
SELECT
  *
FROM final
ORDER BY
  name,
  address,
  id
