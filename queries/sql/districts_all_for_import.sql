-- districts_all_for_import: every district row, soft-deleted ones included, for the boundary importer.
-- Reads main.districts on purpose: a deleted district's code is still taken (unique), so a
-- re-import restores it instead of inserting a duplicate code.
-- columns: id, code, name, kind, parent_id, population, version, deleted_at
select id, code, name, kind, parent_id, population, version, deleted_at
from main.districts
order by code
