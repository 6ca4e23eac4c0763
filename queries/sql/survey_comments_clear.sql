-- survey_comments_clear: remove a wave's free-text answers before its file is imported again.
-- params: wave_id (integer)
delete from main.survey_comments where wave_id = $wave_id
