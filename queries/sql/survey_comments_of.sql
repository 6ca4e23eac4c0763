-- survey_comments_of: residents' free-text answers, of one wave or of every wave (wave_id null), the
-- newest wave's first (by the end of its fieldwork), then by respondent and question. The district is
-- the respondent's, from their answers (null when the area is not known, no answer was kept, or the
-- district was deleted since).
-- search (null or blank: every comment) finds text as typed, any case, in the answer, the question or
-- the district's name; % and _ are plain characters.
-- Only administrators and the crime-prevention officer read these (core/surveys/comments.py asks).
-- params: wave_id (integer or null), search (text or null)
-- columns: wave_id, wave, respondent, district_id, district, question, answer
with places as (
    select wave_id, respondent, any_value(district_id) as district_id
    from live.survey_answers
    where $wave_id::integer is null or wave_id = $wave_id::integer
    group by wave_id, respondent
)
select c.wave_id, w."name" as wave, c.respondent, p.district_id, d."name" as district, c.question, c.answer
from live.survey_comments as c
inner join live.survey_waves as w on w.id = c.wave_id
left join places as p on p.wave_id = c.wave_id and p.respondent = c.respondent
left join live.districts as d on d.id = p.district_id
where ($wave_id::integer is null or c.wave_id = $wave_id::integer)
  and (nullif(trim($search::varchar), '') is null
       or contains(lower(c.answer), lower(trim($search::varchar)))
       or contains(lower(c.question), lower(trim($search::varchar)))
       or contains(lower(coalesce(d."name", '')), lower(trim($search::varchar))))
order by w.fieldwork_end desc, w.fieldwork_start desc, w.id desc, c.respondent, c.question
