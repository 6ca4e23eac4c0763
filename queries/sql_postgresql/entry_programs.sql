-- Generated from queries/sql/entry_programs.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- entry_programs: programs for pickers in entry forms (archived ones last).
-- params: none
-- columns: id, name, category, status, delivery_kind

WITH programs AS (
  SELECT
    id,
    name,
    category,
    status,
    delivery_kind
  FROM live.programs
), final AS (
  SELECT
    *
  FROM programs
  ORDER BY
    status = 'archived',
    name
)
SELECT
  *
FROM final
