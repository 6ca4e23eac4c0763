-- Generated from queries/sql/concerns_overdue.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- concerns_overdue: concerns still open on a day and received more than `days` days before it,
-- oldest first: the queue command and the Crime Prevention officer act on.
-- params: as_of (date), days (integer); all_districts, districts; district_id (or null); max_rows
-- columns (total_rows: how many match before max_rows): id, received_on, days_open, category, status, location, district_id, district,
--          assigned_to, referred_to

WITH filtered_concerns AS (
  SELECT
    c.*
  FROM live.concerns AS c
  WHERE
    live.in_scope(%(all_districts)s, %(districts)s, c.district_id)
    AND (
      CAST(%(district_id)s AS INT) IS NULL
      OR c.district_id = CAST(%(district_id)s AS INT)
    )
    AND c.received_on < CAST(%(as_of)s AS DATE) - CAST(%(days)s AS INT)
    AND (
      c.resolved_on IS NULL OR c.resolved_on > CAST(%(as_of)s AS DATE)
    )
), final AS (
  SELECT
    c.id,
    c.received_on,
    CAST(%(as_of)s AS DATE) - c.received_on AS days_open,
    c.category,
    c.status,
    c.location,
    c.district_id,
    d.name AS district,
    u.display_name AS assigned_to,
    c.referred_to,
    COUNT(*) OVER () AS total_rows
  FROM filtered_concerns AS c
  LEFT JOIN live.districts AS d
    ON d.id = c.district_id
  LEFT JOIN live.users AS u
    ON u.id = c.assigned_officer_id
)
SELECT
  *
FROM final
ORDER BY
  received_on,
  id
LIMIT %(max_rows)s
