-- districts_by_id: a live district by id, for validating entries.
-- params: id (integer)
-- columns: id, code, name
select id, code, name from live.districts where id = $id
