-- Generated from queries/sql/district_mappings_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- district_mappings_list: the saved district mapping (district text -> district), with the stored
-- incidents stating each text.
-- params: none
-- columns: district_text, district_id, district_code, district_name, version

WITH mappings AS (
  SELECT
    district_text,
    district_id,
    version
  FROM live.district_mappings
), districts AS (
  SELECT
    id,
    code,
    name
  FROM live.districts
), final AS (
  SELECT
    m.district_text,
    m.district_id,
    d.code AS district_code,
    d.name AS district_name,
    m.version
  FROM mappings AS m
  LEFT JOIN districts AS d
    ON d.id = m.district_id
)
SELECT
  *
FROM final
ORDER BY
  district_text
