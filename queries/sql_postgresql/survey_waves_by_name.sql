-- Generated from queries/sql/survey_waves_by_name.sql by `.venv/bin/python scripts/postgres_sql.py`; do not edit.
-- survey_waves_by_name: a survey wave by its name, deleted or not (a wave imported again under its
-- name replaces its answers; a deleted one comes back).
-- params: wave_name (varchar)
-- columns: id, version, deleted

SELECT
  id,
  version,
  NOT deleted_at IS NULL AS deleted
FROM main.survey_waves
WHERE
  "name" = %(wave_name)s
