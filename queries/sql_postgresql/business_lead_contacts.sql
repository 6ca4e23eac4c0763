-- Generated from queries/sql/business_lead_contacts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_lead_contacts: for each of the given businesses within the caller's district scope that
-- has a contact person, the one to call first (an owner before a manager, a keyholder, security,
-- an employee, anyone else; then the first entered) and how many contact persons it has.
-- params: ids (list of business ids), all_districts (boolean), districts (list of district ids)
-- columns: business_id, contact_name, contact_role, contact_phone, contact_after_hours, contacts

WITH scoped AS (
  SELECT
    b.id
  FROM live.businesses AS b
  WHERE
    CASE WHEN b.id IS NULL THEN NULL ELSE COALESCE(b.id = ANY(
      %(ids)s
    ), FALSE) END
    AND live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
), ranked AS (
  SELECT
    c.business_id,
    c.name,
    c.role,
    c.phone,
    c.after_hours,
    COUNT(*) OVER (PARTITION BY c.business_id) AS contacts,
    ROW_NUMBER() OVER (
      PARTITION BY c.business_id
      ORDER BY CASE c.role
        WHEN 'owner'
        THEN 1
        WHEN 'manager'
        THEN 2
        WHEN 'keyholder'
        THEN 3
        WHEN 'security'
        THEN 4
        WHEN 'employee'
        THEN 5
        ELSE 6
      END, c.id
    ) AS place
  FROM live.business_contacts AS c
  JOIN scoped AS s
    ON s.id = c.business_id
), final AS (
  SELECT
    business_id,
    name AS contact_name,
    role AS contact_role,
    phone AS contact_phone,
    after_hours AS contact_after_hours,
    contacts
  FROM ranked
  WHERE
    place = 1
)
SELECT
  *
FROM final
ORDER BY
  business_id
