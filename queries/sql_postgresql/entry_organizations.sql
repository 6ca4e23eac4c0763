-- Generated from queries/sql/entry_organizations.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- entry_organizations: organizations for partner and reporter pickers.
-- params: none
-- columns: id, name, org_type, district_id, active

SELECT
  id,
  name,
  org_type,
  district_id,
  active
FROM live.organizations
ORDER BY
  name
