-- district_shapes: every district, sector and beat with its boundary, within the caller's scope.
-- params: all_districts (boolean), districts (list of district ids)
-- columns: id, code, name, kind, parent_code, population, geometry (GeoJSON text or null)
select d.id, d.code, d.name, d.kind, p.code as parent_code, d.population, d.geometry
from live.districts as d
left join live.districts as p on p.id = d.parent_id
where live.in_scope($all_districts, $districts, d.id)
order by d.kind, d.code
