-- incident_stage_drop: remove the importer's temporary table (the source relation, the file's rows
-- registered on the cursor, is unregistered by the caller: core/incident_import_staging.py).
drop table if exists incident_stage;
