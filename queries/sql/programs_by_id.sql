-- programs_by_id: one live program.
-- params: id (integer)
-- columns: every programs column
select * from live.programs where id = $id
