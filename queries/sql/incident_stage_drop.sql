-- incident_stage_drop: remove the importer's temporary objects.
drop view if exists incident_source;
drop table if exists incident_stage;
