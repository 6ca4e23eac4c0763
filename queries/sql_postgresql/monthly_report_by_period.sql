-- Generated from queries/sql/monthly_report_by_period.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- monthly_report_by_period: the stored report (draft or submitted) for exactly this period, if any.
-- params: start_date, end_date (date)
-- columns: every column of monthly_reports

SELECT
  *
FROM live.monthly_reports
WHERE
  period_start = CAST(%(start_date)s AS DATE)
  AND period_end = CAST(%(end_date)s AS DATE)
