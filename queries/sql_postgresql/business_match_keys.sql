-- Generated from queries/sql/business_match_keys.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_match_keys: every live business with the fields duplicate detection and imports compare.
-- Internal: reads across all districts so a duplicate in another district is still caught; callers
-- must not show rows outside the actor's read scope (core/businesses.py only names them as "another district").
-- columns: id, version, name, dba, address, category, main_phone, district_id, latitude, longitude,
--          outside_districts

SELECT
  id,
  version,
  name,
  dba,
  address,
  category,
  main_phone,
  district_id,
  latitude,
  longitude,
  outside_districts
FROM live.businesses
ORDER BY
  id
