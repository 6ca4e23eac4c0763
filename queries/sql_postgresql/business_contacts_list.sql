-- Generated from queries/sql/business_contacts_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_contacts_list: the contact persons of one business within the caller's district scope.
-- params: business_id, all_districts (boolean), districts (list of district ids)
-- columns: id, version, business_id, name, role, phone, alt_phone, email, after_hours

WITH scoped_business AS (
  SELECT
    b.id
  FROM live.businesses AS b
  WHERE
    b.id = %(business_id)s
    AND live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
), final AS (
  SELECT
    c.id,
    c.version,
    c.business_id,
    c.name,
    c.role,
    c.phone,
    c.alt_phone,
    c.email,
    c.after_hours
  FROM live.business_contacts AS c
  JOIN scoped_business AS b
    ON b.id = c.business_id
)
SELECT
  *
FROM final
ORDER BY
  after_hours DESC NULLS LAST,
  name,
  id
