-- Generated from queries/sql/district_shapes.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- district_shapes: every district, sector and beat with its boundary, within the caller's scope.
-- params: all_districts (boolean), districts (list of district ids)
-- columns: id, code, name, kind, parent_code, population, geometry (GeoJSON text or null)

SELECT
  d.id,
  d.code,
  d.name,
  d.kind,
  p.code AS parent_code,
  d.population,
  d.geometry
FROM live.districts AS d
LEFT JOIN live.districts AS p
  ON p.id = d.parent_id
WHERE
  live.in_scope(%(all_districts)s, %(districts)s, d.id)
ORDER BY
  d.kind,
  d.code
