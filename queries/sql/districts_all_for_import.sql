-- districts_all_for_import: the current districts, as the boundary importer compares them with a file.
-- columns: id, code, name, kind, parent_id, population, version, deleted_at
select id, code, name, kind, parent_id, population, version, deleted_at
from live.districts
order by code
