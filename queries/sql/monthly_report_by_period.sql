-- monthly_report_by_period: the stored report (draft or submitted) for exactly this period, if any.
-- params: start_date, end_date (date)
-- columns: every column of monthly_reports
select *
from live.monthly_reports
where period_start = $start_date::date and period_end = $end_date::date
