-- Generated from queries/sql/report_district_shapes.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- report_district_shapes: district outlines for the report's small map.
-- params: none
-- columns: code, name, geometry (GeoJSON text or null)

SELECT
  code,
  name,
  geometry
FROM live.districts
WHERE
  kind = 'district'
ORDER BY
  code
