-- Generated from queries/sql/contact_log_shift_totals.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- contact_log_shift_totals: one officer's contacts per shift worked (date and shift).
-- params: officer_id (integer), date_from (date), date_to (date)
-- columns: contact_date, shift, entries, contacts, non_enforcement_contacts, kinds

WITH lines AS (
  SELECT
    *
  FROM live.contact_log
  WHERE
    officer_id = %(officer_id)s
    AND contact_date BETWEEN %(date_from)s AND %(date_to)s
), final AS (
  SELECT
    contact_date,
    shift,
    COUNT(*) AS entries,
    SUM(contact_count) AS contacts,
    SUM(CASE WHEN non_enforcement THEN contact_count ELSE 0 END) AS non_enforcement_contacts,
    STRING_AGG(DISTINCT kind, ', '
    ORDER BY
      kind) AS kinds
  FROM lines
  GROUP BY
    contact_date,
    shift
  ORDER BY
    contact_date DESC NULLS LAST,
    shift
)
SELECT
  *
FROM final
