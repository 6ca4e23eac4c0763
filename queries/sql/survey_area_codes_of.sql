-- survey_area_codes_of: the codes of one area lookup (a survey's ZIP or council ward column) and the
-- district each names.
-- params: lookup (varchar)
-- columns: id, version, code, district_id, district_code, district_name
select a.id, a.version, a.code, a.district_id, d.code as district_code, d.name as district_name
from live.survey_area_codes as a
left join live.districts as d on d.id = a.district_id
where a.lookup = $lookup
order by a.code
