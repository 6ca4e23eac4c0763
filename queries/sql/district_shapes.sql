-- district_shapes: districts with a boundary, for point-in-polygon placement.
-- columns: id, code, geometry (GeoJSON text)
select id, code, geometry
from live.districts
where geometry is not null and kind = 'district'
order by code
