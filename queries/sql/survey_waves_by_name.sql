-- survey_waves_by_name: a survey wave by its name, deleted or not (a wave imported again under its
-- name replaces its answers; a deleted one comes back).
-- params: wave_name (varchar)
-- columns: id, version, deleted
select id, version, deleted_at is not null as deleted
from main.survey_waves
where "name" = $wave_name
