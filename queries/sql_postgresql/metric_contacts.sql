-- Generated from queries/sql/metric_contacts.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_contacts: patrol officers' community contacts in one period (the contacts family), in all
-- and per district (the first row is the total, then one row per district).
-- Non-enforcement contacts: the number of people contacted in contact-log entries marked
-- non-enforcement, dated in the period. A shift logged is one officer on one date and shift with
-- at least one entry. Contacts are not tied to programs: category and program filters do not apply.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: total (true on the first row), district_id, contacts, contacts_all, contact_entries,
--          shifts_logged, contacts_per_shift

WITH counted AS (
  SELECT
    GROUPING(district_id) = 1 AS total,
    district_id,
    COALESCE(SUM(contact_count) FILTER(WHERE
      non_enforcement), 0) AS contacts,
    COALESCE(SUM(contact_count), 0) AS contacts_all,
    COUNT(*) AS contact_entries,
    COUNT(DISTINCT (officer_id, contact_date, shift)) AS shifts_logged
  FROM live.SCOPED_CONTACTS(%(all_districts)s, %(districts)s, %(start_date)s, %(end_date)s, %(district_id)s)
  GROUP BY
    GROUPING SETS (
      (),
      (
        district_id
      )
    )
), final AS (
  SELECT
    total,
    district_id,
    contacts,
    contacts_all,
    contact_entries,
    shifts_logged,
    CAST(contacts AS DOUBLE PRECISION) / NULLIF(shifts_logged, 0) AS contacts_per_shift
  FROM counted
)
SELECT
  *
FROM final
ORDER BY
  total DESC NULLS LAST,
  district_id
