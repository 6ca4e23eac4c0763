-- Generated from queries/sql/map_layer_cells.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- map_layer_cells: one point layer of the map, counted in square grid cells (dense layers are never
-- drawn point by point). A tiny cell size gives one cell per place.
-- params: all_districts, districts, layer ('events' | 'businesses' | 'concerns' | 'incidents'),
--         start_date (date), end_date (date, inclusive), crime_type (null = all), program_id (null = all),
--         cell (double, degrees)
-- columns: longitude, latitude (mean of the points in the cell), points, label (one name when the
--          cell holds a single named place, else null)

WITH in_scope AS (
  SELECT
    id
  FROM live.districts
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, id)
), points AS (
  SELECT
    e.longitude,
    e.latitude,
    COALESCE(e.title, p.name) AS label
  FROM live.events AS e
  JOIN live.programs AS p
    ON p.id = e.program_id
  WHERE
    %(layer)s = 'events'
    AND e.starts_at >= CAST(%(start_date)s AS DATE)
    AND e.starts_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND (
      CAST(%(program_id)s AS INT) IS NULL OR e.program_id = %(program_id)s
    )
    AND e.district_id IN (
      SELECT
        id
      FROM in_scope
    )
  UNION ALL
  SELECT
    b.longitude,
    b.latitude,
    b.name
  FROM live.businesses AS b
  WHERE
    %(layer)s = 'businesses' AND b.district_id IN (
      SELECT
        id
      FROM in_scope
    )
  UNION ALL
  SELECT
    c.longitude,
    c.latitude,
    c.category
  FROM live.concerns AS c
  WHERE
    %(layer)s = 'concerns'
    AND c.received_on <= CAST(%(end_date)s AS DATE)
    AND (
      c.resolved_on IS NULL OR c.resolved_on > CAST(%(end_date)s AS DATE)
    )
    AND c.district_id IN (
      SELECT
        id
      FROM in_scope
    )
  UNION ALL
  SELECT
    i.longitude,
    i.latitude,
    i.offense_description
  FROM live.incidents AS i
  WHERE
    %(layer)s = 'incidents'
    AND i.occurred_at >= CAST(%(start_date)s AS DATE)
    AND i.occurred_at < CAST(%(end_date)s AS DATE) + INTERVAL '1 DAY'
    AND (
      CAST(%(crime_type)s AS TEXT) IS NULL OR i.crime_type_code = %(crime_type)s
    )
    AND i.district_id IN (
      SELECT
        id
      FROM in_scope
    )
), final AS (
  SELECT
    AVG(longitude) AS longitude,
    AVG(latitude) AS latitude,
    COUNT(*) AS points,
    CASE WHEN COUNT(*) = 1 THEN MIN(label) END AS label
  FROM points
  WHERE
    NOT longitude IS NULL AND NOT latitude IS NULL
  GROUP BY
    FLOOR(CAST(longitude AS DOUBLE PRECISION) / %(cell)s),
    FLOOR(CAST(latitude AS DOUBLE PRECISION) / %(cell)s)
)
SELECT
  *
FROM final
ORDER BY
  points DESC NULLS LAST
