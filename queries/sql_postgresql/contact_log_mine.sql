-- Generated from queries/sql/contact_log_mine.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- contact_log_mine: one officer's contact log lines, newest first.
-- params: officer_id (integer), date_from (date), date_to (date)
-- columns: id, version, contact_date, shift, district, kind, contact_count, location, non_enforcement, notes

SELECT
  c.id,
  c.version,
  c.contact_date,
  c.shift,
  d.code AS district,
  c.kind,
  c.contact_count,
  c.location,
  c.non_enforcement,
  c.notes
FROM live.contact_log AS c
LEFT JOIN live.districts AS d
  ON d.id = c.district_id
WHERE
  c.officer_id = %(officer_id)s
  AND c.contact_date BETWEEN %(date_from)s AND %(date_to)s
ORDER BY
  c.contact_date DESC NULLS LAST,
  c.created_at DESC NULLS LAST,
  c.id DESC NULLS LAST
