-- Generated from queries/sql/incident_stage_drop.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- incident_stage_drop: remove the importer's temporary table (the source view is dropped by the caller:
-- it is a registered frame for workbooks and a view for CSV files).

DROP TABLE IF EXISTS incident_stage
