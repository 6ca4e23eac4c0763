-- survey_answers_clear: remove a wave's answers before its file is imported again.
-- params: wave_id (integer)
delete from main.survey_answers where wave_id = $wave_id
