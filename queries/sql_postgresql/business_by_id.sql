-- Generated from queries/sql/business_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- business_by_id: one business, only when it lies within the caller's district scope.
-- params: id, all_districts (boolean), districts (list of district ids)
-- columns: every column of businesses, plus district_code

WITH scoped AS (
  SELECT
    b.*
  FROM live.businesses AS b
  WHERE
    b.id = %(id)s AND live.in_scope(%(all_districts)s, %(districts)s, b.district_id)
), final AS (
  SELECT
    s.*,
    d.code AS district_code
  FROM scoped AS s
  LEFT JOIN live.districts AS d
    ON d.id = s.district_id
)
SELECT
  *
FROM final
