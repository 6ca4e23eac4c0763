-- Generated from queries/sql/business_district.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_district: the district of a business (for permission checks; a deleted business has none).
-- params: id; columns: district_id

SELECT
  district_id
FROM live.businesses
WHERE
  id = %(id)s
