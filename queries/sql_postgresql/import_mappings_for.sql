-- Generated from queries/sql/import_mappings_for.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- import_mappings_for: saved column mappings of one kind of import.
-- params: kind (varchar)
-- columns: id, version, name, mapping_json, created_by, updated_at

SELECT
  id,
  version,
  name,
  mapping_json,
  created_by,
  COALESCE(updated_at, created_at) AS updated_at
FROM live.import_mappings
WHERE
  kind = %(kind)s
ORDER BY
  name
