-- program_goals_of: the live goals of one program.
-- params: program_id (integer)
-- columns: id, version, measure, target_value, per_period, description
select id, version, measure, target_value, per_period, description
from live.program_goals
where program_id = $program_id
order by measure, per_period
