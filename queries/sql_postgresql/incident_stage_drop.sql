-- Generated from queries/sql/incident_stage_drop.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_drop: remove the importer's temporary table (the source relation, the file's rows
-- registered on the cursor, is unregistered by the caller: core/incident_import_staging.py).

DROP TABLE IF EXISTS incident_stage
