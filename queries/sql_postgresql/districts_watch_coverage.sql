-- Generated from queries/sql/districts_watch_coverage.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_watch_coverage: per district, how many active block watch and business watch groups it has.
-- params: none
-- columns: district, name, block_watch, business_watch, missing

WITH districts AS (
  SELECT
    id,
    code,
    name
  FROM live.districts
  WHERE
    kind = 'district'
), groups AS (
  SELECT
    district_id,
    COUNT(*) FILTER(WHERE
      org_type = 'block_watch') AS block_watch,
    COUNT(*) FILTER(WHERE
      org_type = 'business_watch') AS business_watch
  FROM live.organizations
  WHERE
    active
  GROUP BY
    district_id
), final AS (
  SELECT
    d.code AS district,
    d.name,
    COALESCE(g.block_watch, 0) AS block_watch,
    COALESCE(g.business_watch, 0) AS business_watch,
    CONCAT_WS(
      ' and ',
      CASE WHEN COALESCE(g.block_watch, 0) = 0 THEN 'no block watch' END,
      CASE WHEN COALESCE(g.business_watch, 0) = 0 THEN 'no business watch' END
    ) AS missing
  FROM districts AS d
  LEFT JOIN groups AS g
    ON g.district_id = d.id
  ORDER BY
    d.code
)
SELECT
  *
FROM final
