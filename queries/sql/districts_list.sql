-- districts_list: districts, sectors and beats for pickers.
-- columns: id, code, name, kind, parent_code, population
select d.id, d.code, d.name, d.kind, p.code as parent_code, d.population
from live.districts as d
left join live.districts as p on p.id = d.parent_id
order by d.kind, d.code
