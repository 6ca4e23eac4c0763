-- Generated from queries/sql/metric_contacts_by_month.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- metric_contacts_by_month: non-enforcement contacts and shifts logged per month and shift.
-- Same definition as metric_contacts; every month of the period appears for every shift.
-- params: start_date, end_date (date); all_districts, districts; district_id (or null)
-- columns: month (date), shift, contacts, shifts_logged, contacts_per_shift (null when no shift)

WITH months AS (
  SELECT
    CAST(GENERATE_SERIES(
      CAST(CAST(DATE_TRUNC('MONTH', CAST(%(start_date)s AS DATE)) AS DATE) AS TIMESTAMP),
      CAST(CAST(%(end_date)s AS DATE) AS TIMESTAMP),
      INTERVAL '1 MONTH'
    ) AS DATE) AS month
), shift_names AS (
  SELECT
    UNNEST(ARRAY['day', 'evening', 'night']) AS shift
), logged AS (
  SELECT
    contact_date,
    shift,
    officer_id,
    SUM(contact_count) FILTER(WHERE
      non_enforcement) AS contacts
  FROM live.SCOPED_CONTACTS(%(all_districts)s, %(districts)s, %(start_date)s, %(end_date)s, %(district_id)s)
  GROUP BY
    contact_date,
    shift,
    officer_id
), counted AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', contact_date) AS DATE) AS month,
    shift,
    CAST(SUM(contacts) AS BIGINT) AS contacts,
    COUNT(*) AS shifts_logged
  FROM logged
  GROUP BY
    1,
    2
), final AS (
  SELECT
    m.month,
    s.shift,
    COALESCE(c.contacts, 0) AS contacts,
    COALESCE(c.shifts_logged, 0) AS shifts_logged,
    CAST(COALESCE(c.contacts, 0) AS DOUBLE PRECISION) / NULLIF(c.shifts_logged, 0) AS contacts_per_shift
  FROM months AS m
  CROSS JOIN shift_names AS s
  LEFT JOIN counted AS c
    ON c.month = m.month AND c.shift = s.shift
)
SELECT
  *
FROM final
ORDER BY
  month,
  shift
