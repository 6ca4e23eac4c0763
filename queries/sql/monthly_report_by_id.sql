-- monthly_report_by_id: one stored report.
-- params: id (integer)
-- columns: every column of monthly_reports
select * from live.monthly_reports where id = $id
