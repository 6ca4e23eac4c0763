-- Generated from queries/sql/districts_list.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_list: districts, sectors and beats for pickers.
-- columns: id, code, name, kind, parent_code, population

SELECT
  d.id,
  d.code,
  d.name,
  d.kind,
  p.code AS parent_code,
  d.population
FROM live.districts AS d
LEFT JOIN live.districts AS p
  ON p.id = d.parent_id
ORDER BY
  d.kind,
  d.code
