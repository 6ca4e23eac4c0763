-- survey_results_waves: the survey waves on record, newest first (by the end of their fieldwork).
-- params: none
-- columns: id, name, fieldwork_start, fieldwork_end, respondents, weighted
select id, "name", fieldwork_start, fieldwork_end, respondents, weighted
from live.survey_waves
order by fieldwork_end desc, fieldwork_start desc, id desc
