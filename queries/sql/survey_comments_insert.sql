-- survey_comments_insert: a wave's free-text answers, from the importer's rows (temp view
-- survey_comment_rows: respondent, question, answer).
-- params: wave_id (integer)
insert into main.survey_comments (wave_id, respondent, question, answer)
select $wave_id::integer, respondent, question, answer
from survey_comment_rows
