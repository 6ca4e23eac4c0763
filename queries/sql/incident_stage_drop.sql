-- incident_stage_drop: remove the importer's temporary table (the source view is dropped by the caller:
-- it is a registered frame for workbooks and a view for CSV files).
drop table if exists incident_stage;
