-- events_by_id: one live event with its district code, for the edit form.
-- params: id (integer)
-- columns: every events column, district_code
select e.*, d.code as district_code
from live.events as e
left join live.districts as d on d.id = e.district_id
where e.id = $id
