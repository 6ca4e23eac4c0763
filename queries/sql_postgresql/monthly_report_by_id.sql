-- Generated from queries/sql/monthly_report_by_id.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- monthly_report_by_id: one stored report.
-- params: id (integer)
-- columns: every column of monthly_reports

SELECT
  *
FROM live.monthly_reports
WHERE
  id = %(id)s
