-- Generated from queries/sql/incident_stage_coordinates.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_coordinates: the coordinate cells of each row of an incident file (the temp view
-- incident_source, one varchar column per field), numbered like incident_stage's lines, for the
-- importer to judge (core/coordinates.py) and write back. Numbers are read here, thousands
-- separators dropped, as core/coordinates.numbers reads them; the location text is read there.
-- params: none
-- columns: line, latitude, longitude, x, y (double; null when blank or not a number), location
--          (trimmed text), not_number (a latitude, longitude, x or y cell written that is not a number)

WITH cells AS (
  SELECT
    ROW_NUMBER() OVER () + 1 AS line,
    NULLIF(TRIM(latitude), '') AS latitude,
    NULLIF(TRIM(longitude), '') AS longitude,
    NULLIF(TRIM(location), '') AS location,
    NULLIF(TRIM(x), '') AS x,
    NULLIF(TRIM(y), '') AS y
  FROM incident_source
), final AS (
  SELECT
    line,
    CASE
      WHEN CAST(REPLACE(latitude, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
      THEN CAST(REPLACE(latitude, ',', '') AS DOUBLE PRECISION)
    END AS latitude,
    CASE
      WHEN CAST(REPLACE(longitude, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
      THEN CAST(REPLACE(longitude, ',', '') AS DOUBLE PRECISION)
    END AS longitude,
    CASE
      WHEN CAST(REPLACE(x, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
      THEN CAST(REPLACE(x, ',', '') AS DOUBLE PRECISION)
    END AS x,
    CASE
      WHEN CAST(REPLACE(y, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
      THEN CAST(REPLACE(y, ',', '') AS DOUBLE PRECISION)
    END AS y,
    location,
    (
      NOT latitude IS NULL
      AND CASE
        WHEN CAST(REPLACE(latitude, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
        THEN CAST(REPLACE(latitude, ',', '') AS DOUBLE PRECISION)
      END IS NULL
    )
    OR (
      NOT longitude IS NULL
      AND CASE
        WHEN CAST(REPLACE(longitude, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
        THEN CAST(REPLACE(longitude, ',', '') AS DOUBLE PRECISION)
      END IS NULL
    )
    OR (
      NOT x IS NULL
      AND CASE
        WHEN CAST(REPLACE(x, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
        THEN CAST(REPLACE(x, ',', '') AS DOUBLE PRECISION)
      END IS NULL
    )
    OR (
      NOT y IS NULL
      AND CASE
        WHEN CAST(REPLACE(y, ',', '') AS TEXT) ~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$'
        THEN CAST(REPLACE(y, ',', '') AS DOUBLE PRECISION)
      END IS NULL
    ) AS not_number
  FROM cells
)
SELECT
  *
FROM final
