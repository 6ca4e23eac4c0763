-- Generated from queries/sql/business_contacts_export.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_contacts_export: businesses and their contact persons (one row per contact, or one row
-- for a business without contacts) within the caller's scope, for the printable list and downloads.
-- params: all_districts (boolean), districts (list of district ids),
--         district_id (integer or null = every district in scope)
-- columns: district_code, business_id, name, dba, address, category, main_phone, last_verified_on,
--          outside_districts, contact_name, contact_role, contact_phone, contact_alt_phone,
--          contact_email, contact_after_hours

WITH scoped AS (
  SELECT
    b.*
  FROM live.businesses AS b
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
    AND (
      CAST(%(district_id)s AS INT) IS NULL OR b.district_id = %(district_id)s
    )
), final AS (
  SELECT
    d.code AS district_code,
    s.id AS business_id,
    s.name,
    s.dba,
    s.address,
    s.category,
    s.main_phone,
    s.last_verified_on,
    s.outside_districts,
    c.name AS contact_name,
    c.role AS contact_role,
    c.phone AS contact_phone,
    c.alt_phone AS contact_alt_phone,
    c.email AS contact_email,
    c.after_hours AS contact_after_hours
  FROM scoped AS s
  LEFT JOIN live.districts AS d
    ON d.id = s.district_id
  LEFT JOIN live.business_contacts AS c
    ON c.business_id = s.id
)
SELECT
  *
FROM final
ORDER BY
  district_code,
  name,
  address,
  business_id,
  contact_after_hours DESC NULLS LAST,
  contact_name
