-- survey_area_codes_lookups: the saved area lookups (what a survey's area codes are) and how many
-- codes each holds.
-- params: none
-- columns: lookup, codes
select lookup, count(*) as codes
from live.survey_area_codes
group by lookup
order by lookup
