-- import_mappings_for: saved column mappings of one kind of import.
-- params: kind (varchar)
-- columns: id, version, name, mapping_json, created_by, updated_at
select id, version, name, mapping_json, created_by, coalesce(updated_at, created_at) as updated_at
from live.import_mappings
where kind = $kind
order by name
