-- Generated from queries/sql/businesses_stale.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- businesses_stale: businesses whose contact details were not verified within 12 months of a day
-- (never verified first, then the oldest), the list an officer works through.
-- Same 12-month rule as metric_businesses; last_verified_on is the latest check on or before as_of.
-- params: as_of (date); all_districts, districts; district_id (or null); max_rows (integer)
-- columns (total_rows: how many match before max_rows): id, name, address, district_id, district, last_verified_on, days_since_verified

WITH final AS (
  SELECT
    b.id,
    b.name,
    b.address,
    b.district_id,
    d.name AS district,
    b.last_verified_on,
    CAST(%(as_of)s AS DATE) - b.last_verified_on AS days_since_verified,
    COUNT(*) OVER () AS total_rows
  FROM live.SCOPED_BUSINESSES(%(all_districts)s, %(districts)s, %(district_id)s, %(as_of)s) AS b
  LEFT JOIN live.districts AS d
    ON d.id = b.district_id
  WHERE
    b.last_verified_on IS NULL
    OR b.last_verified_on <= CAST(%(as_of)s AS DATE) - INTERVAL '12 MONTH'
)
SELECT
  *
FROM final
ORDER BY
  last_verified_on NULLS FIRST,
  name
LIMIT %(max_rows)s
