-- Generated from queries/sql/organization_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- organization_by_id: one live organization.
-- params: id (integer)
-- columns: every organizations column

SELECT
  *
FROM live.organizations
WHERE
  id = %(id)s
