-- concern_by_id: one live concern.
-- params: id (integer)
-- columns: every concerns column
select * from live.concerns where id = $id
