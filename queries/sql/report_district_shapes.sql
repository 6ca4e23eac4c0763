-- report_district_shapes: district outlines for the report's small map.
-- params: none
-- columns: code, name, geometry (GeoJSON text or null)
select code, name, geometry
from live.districts
where kind = 'district'
order by code
