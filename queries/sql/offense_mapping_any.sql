-- offense_mapping_any: one mapping row by description, soft-deleted or not (the editor restores
-- a deleted one rather than inserting a duplicate key). Reads main on purpose.
-- params: offense_description
-- columns: offense_description, crime_type_code, version, deleted_at
select offense_description, crime_type_code, version, deleted_at
from main.offense_mappings
where offense_description = $offense_description
