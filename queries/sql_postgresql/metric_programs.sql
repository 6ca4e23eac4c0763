-- Generated from queries/sql/metric_programs.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_programs: programs for the figure filters and the program results page, newest status first.
-- params: none
-- columns: id, name, category, delivery_kind, status, start_date, end_date, description, lead_officer

WITH final AS (
  SELECT
    p.id,
    p.name,
    p.category,
    p.delivery_kind,
    p.status,
    p.start_date,
    p.end_date,
    p.description,
    u.display_name AS lead_officer
  FROM live.programs AS p
  LEFT JOIN live.users AS u
    ON u.id = p.lead_officer_id
)
SELECT
  *
FROM final
ORDER BY
  status = 'archived',
  name
