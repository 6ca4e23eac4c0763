-- Generated from queries/sql/districts_all_for_import.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- districts_all_for_import: the current districts, as the boundary importer compares them with a file.
-- columns: id, code, name, kind, parent_id, population, version, deleted_at

SELECT
  id,
  code,
  name,
  kind,
  parent_id,
  population,
  version,
  deleted_at
FROM live.districts
ORDER BY
  code
